/* USART0 at UART_BAUD: interrupt-driven receive into a ring, blocking transmit. */
#ifndef DPFACE_UART_H
#define DPFACE_UART_H
#include <stdint.h>

void uart_init(void);

/* Bytes waiting in the receive ring. */
uint16_t uart_available(void);

/* The i-th waiting byte (0 = oldest); i < uart_available(). */
uint8_t uart_peek(uint16_t i);

/* Drops the n oldest waiting bytes. */
void uart_drop(uint16_t n);

/* Receive-ring bytes lost because the ring was full (saturating). */
uint16_t uart_overruns(void);

/* Sends one byte, waiting for room in the transmitter; keeps the watchdog fed while it waits. */
void uart_put(uint8_t b);

#endif
