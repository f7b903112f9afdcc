#include "uart.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/wdt.h>
#include <util/atomic.h>

#include "config.h"

static uint8_t ring[RX_RING_BYTES];
static volatile uint16_t head; /* written by the ISR */
static volatile uint16_t tail; /* written by the main loop */
static volatile uint16_t overruns;

void uart_init(void) {
  /* U2X: UBRR = F_CPU / (8 baud) - 1 = 16 at 16 MHz, 117 647 baud (2.1 % fast, the usual Arduino value). */
  UCSR0A = _BV(U2X0);
  UBRR0 = (uint16_t)((F_CPU + 4 * UART_BAUD) / (8 * UART_BAUD) - 1);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00); /* 8N1 */
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
}

ISR(USART_RX_vect) {
  uint8_t b = UDR0;
  uint16_t h = head;
  uint16_t n = h + 1 == RX_RING_BYTES ? 0 : h + 1;
  if (n != tail) {
    ring[h] = b;
    head = n;
  } else if (overruns != 0xFFFF) {
    overruns++;
  }
}

uint16_t uart_available(void) {
  uint16_t h;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { h = head; }
  uint16_t t = tail;
  return h >= t ? h - t : (uint16_t)(h + RX_RING_BYTES - t);
}

uint8_t uart_peek(uint16_t i) {
  uint16_t p = tail + i;
  if (p >= RX_RING_BYTES) {
    p -= RX_RING_BYTES;
  }
  return ring[p];
}

void uart_drop(uint16_t n) {
  uint16_t p = tail + n;
  if (p >= RX_RING_BYTES) {
    p -= RX_RING_BYTES;
  }
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { tail = p; }
}

uint16_t uart_overruns(void) {
  uint16_t n;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { n = overruns; }
  return n;
}

void uart_put(uint8_t b) {
  while (!(UCSR0A & _BV(UDRE0))) {
    wdt_reset();
  }
  UDR0 = b;
}
