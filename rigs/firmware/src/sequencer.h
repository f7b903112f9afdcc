/*
 * Timer1 clock and the step sequencer.
 *
 * Timer1 runs from boot at F_CPU / 8 (0.5 µs ticks at 16 MHz); its overflow interrupt extends it to a
 * 48-bit tick count, so board time never wraps in practice. Firing uses output compare A: the interrupt is
 * scheduled SEQ_LEAD_TICKS before each edge, then spins on TCNT1 and writes the precomputed port values
 * on the edge's tick. The rising edge's actual tick is read back right after the port writes and kept as
 * its lateness against the nominal schedule, t(i) = t(i-1) + pulse(i-1) + delay(i) from FIRE.
 */
#ifndef DPFACE_SEQUENCER_H
#define DPFACE_SEQUENCER_H
#include <stdint.h>

#include "config.h"

typedef struct {
  uint16_t mask;     /* bit k = channel k */
  uint32_t delay_us; /* before the rising edge, from the previous falling edge (step 0: from FIRE) */
  uint32_t pulse_us; /* >= 1 */
} step_t;

extern step_t seq_steps[MAX_STEPS];

/* Sets up the output pins (all low) and starts Timer1. Interrupts must still be off. */
void seq_init(void);

/* Board time in Timer1 ticks (0.5 µs) since boot. */
uint64_t seq_now_ticks(void);

/* Starts firing the first n steps of seq_steps now; returns the start tick (the FIRE time). */
uint64_t seq_start(uint16_t n);

/* Stops firing at once: every channel low. Returns the tick at which it stopped. */
uint64_t seq_stop(void);

/* Rising edges done so far in the current firing. */
uint16_t seq_fired(void);

/* True while steps or the last falling edge are still to come. */
uint8_t seq_running(void);

/* Tick of the last falling edge of the most recent complete firing. */
uint64_t seq_end_ticks(void);

/* Tick of step i's rising edge in the most recent firing (i < seq_fired()). */
uint64_t seq_rise_ticks(uint16_t i);

/* The channel-to-pin map as port values: which bits of PORTB/PORTC/PORTD carry mask's channels. */
void seq_mask_to_ports(uint16_t mask, uint8_t *b, uint8_t *c, uint8_t *d);

#endif
