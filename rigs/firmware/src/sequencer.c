#include "sequencer.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

/* The compare interrupt is due this many ticks (40 µs) before an edge and spins for the rest. */
#define SEQ_LEAD_TICKS 80

/* PD0/PD1 belong to the USART: keep the RX pull-up and TX idle level in every full-port write. */
#define PORTD_BASE (_BV(PD0) | _BV(PD1))
#define DDRB_CHANNELS 0x3F /* PB0-PB5: channels 6-11 */
#define DDRC_CHANNELS 0x0F /* PC0-PC3: channels 12-15 */
#define DDRD_CHANNELS 0xFC /* PD2-PD7: channels 0-5 */

step_t seq_steps[MAX_STEPS];

/* Lateness of each rising edge against the nominal schedule, in ticks (saturating). */
static uint16_t late[MAX_STEPS];

static volatile uint32_t overflows;
/* Firing state, owned by the compare ISR while running. */
static volatile uint8_t running;
static volatile uint16_t fired;
static uint16_t total;
static uint16_t event;      /* 2 i: rising edge of step i, 2 i + 1: its falling edge */
static uint64_t event_tick; /* nominal tick of the next event */
static uint64_t wake_tick;  /* event_tick - SEQ_LEAD_TICKS */
static uint64_t start_tick;
static uint64_t end_tick;
static uint8_t next_b, next_c, next_d;

void seq_mask_to_ports(uint16_t mask, uint8_t *b, uint8_t *c, uint8_t *d) {
  *d = (uint8_t)(PORTD_BASE | ((uint8_t)(mask << 2) & DDRD_CHANNELS));
  *b = (uint8_t)((mask >> 6) & DDRB_CHANNELS);
  *c = (uint8_t)((mask >> 12) & DDRC_CHANNELS);
}

void seq_init(void) {
  PORTB = 0;
  PORTC = 0;
  PORTD = PORTD_BASE;
  DDRB = DDRB_CHANNELS;
  DDRC = DDRC_CHANNELS;
  DDRD = DDRD_CHANNELS;
  TCCR1A = 0;
  TCNT1 = 0;
  TIFR1 = _BV(TOV1) | _BV(OCF1A);
  TIMSK1 = _BV(TOIE1);
  TCCR1B = _BV(CS11); /* clk/8 */
}

ISR(TIMER1_OVF_vect) {
  overflows++;
}

/* Tick count with interrupts off: an overflow still pending in TIFR1 is counted. */
static uint64_t now_locked(void) {
  uint16_t lo = TCNT1;
  uint32_t hi = overflows;
  if ((TIFR1 & _BV(TOV1)) && lo < 0x8000) {
    hi++;
  }
  /* Assembled through a union: a 64-bit shift is a slow library loop on the AVR. */
  union {
    uint64_t t;
    struct {
      uint16_t lo;
      uint32_t hi;
      uint16_t top;
    } p;
  } u;
  u.p.lo = lo;
  u.p.hi = hi;
  u.p.top = 0;
  return u.t;
}

/* 2 x, widened: addition, not a 64-bit shift. */
static inline uint64_t us_to_ticks(uint32_t us) {
  uint64_t t = us;
  return t + t;
}

uint64_t seq_now_ticks(void) {
  uint64_t t;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { t = now_locked(); }
  return t;
}

/* Stages the port values of event `event` and its ticks. */
static void stage(void) {
  uint16_t i = event >> 1;
  if (event & 1) {
    event_tick += us_to_ticks(seq_steps[i].pulse_us);
    seq_mask_to_ports(0, &next_b, &next_c, &next_d);
  } else {
    event_tick += us_to_ticks(seq_steps[i].delay_us);
    seq_mask_to_ports(seq_steps[i].mask, &next_b, &next_c, &next_d);
  }
  wake_tick = event_tick - SEQ_LEAD_TICKS;
}

/* Runs every event that is due (spinning to its exact tick); interrupts off. */
static void service(void) {
  while (running) {
    uint64_t now = now_locked();
    if ((int64_t)(now - wake_tick) < 0) {
      /* Not yet: arm the compare for the wake tick. It may match on an earlier lap, or a stale OCF1A may
       * bring us back at once; either way the check above sends us back to sleep. OCF1A is deliberately
       * not cleared here: in simavr 1.6, clearing it (TIFR1 = _BV(OCF1A)) while a step's service ran
       * across a timer overflow lost that overflow, and the board clock fell one 32.768 ms lap behind. */
      OCR1A = (uint16_t)wake_tick;
      if ((int64_t)(now_locked() - wake_tick) < 0) {
        return;
      }
      continue;
    }
    uint16_t target = (uint16_t)event_tick;
    uint8_t b = next_b, c = next_c, d = next_d;
    while ((int16_t)(TCNT1 - target) < 0) {
    }
    PORTD = d;
    PORTB = b;
    PORTC = c;
    uint16_t at = TCNT1;
    int16_t lag = (int16_t)(at - target);
    uint16_t i = event >> 1;
    if (!(event & 1)) {
      late[i] = lag < 0 ? 0 : (uint16_t)lag;
      fired = i + 1;
    }
    event++;
    if (event == 2 * total) {
      end_tick = event_tick + (uint64_t)(lag < 0 ? 0 : lag);
      running = 0;
      TIMSK1 &= (uint8_t)~_BV(OCIE1A);
      return;
    }
    stage();
  }
}

ISR(TIMER1_COMPA_vect) {
  service();
}

uint64_t seq_start(uint16_t n) {
  uint64_t t;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    t = now_locked();
    start_tick = t;
    event_tick = t;
    total = n;
    event = 0;
    fired = 0;
    stage();
    running = 1;
    TIMSK1 |= _BV(OCIE1A);
    service();
  }
  return t;
}

uint64_t seq_stop(void) {
  uint64_t t;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    TIMSK1 &= (uint8_t)~_BV(OCIE1A);
    PORTD = PORTD_BASE;
    PORTB = 0;
    PORTC = 0;
    running = 0;
    t = now_locked();
    end_tick = t;
  }
  return t;
}

uint16_t seq_fired(void) {
  uint16_t n;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { n = fired; }
  return n;
}

uint8_t seq_running(void) {
  return running;
}

uint64_t seq_end_ticks(void) {
  uint64_t t;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { t = end_tick; }
  return t;
}

uint64_t seq_rise_ticks(uint16_t i) {
  uint64_t t = start_tick;
  for (uint16_t j = 0; j < i; j++) {
    t += us_to_ticks(seq_steps[j].delay_us) + us_to_ticks(seq_steps[j].pulse_us);
  }
  t += us_to_ticks(seq_steps[i].delay_us);
  uint16_t l;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { l = late[i]; }
  return t + l;
}
