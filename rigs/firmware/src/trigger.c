/*
 * dpface trigger-board firmware: docs/trigger-protocol.md (version 1) on an ATmega328P at 16 MHz.
 *
 * Main loop: parse frames out of the receive ring (resynchronising exactly as the protocol's receivers
 * do), execute commands, answer them, and report fired steps (STEP_DONE, SEQUENCE_DONE) as the sequencer's
 * compare interrupt produces them; sleep (idle) when there is nothing to do. The watchdog (250 ms) resets
 * the board if the loop ever stops.
 */
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include <avr/wdt.h>
#include <stdint.h>
#include <util/atomic.h>

#include "config.h"
#include "crc.h"
#include "sequencer.h"
#include "uart.h"

enum { ST_IDLE = 0, ST_ARMED = 1, ST_FIRING = 2, ST_DONE = 3 };

enum {
  E_BAD_CRC = 1,
  E_BAD_LENGTH = 2,
  E_UNKNOWN_TYPE = 3,
  E_BAD_STATE = 4,
  E_SEQUENCE_TOO_LONG = 5,
  E_BUSY = 6,
  E_BAD_PAYLOAD = 7,
  E_VERSION_MISMATCH = 8
};

enum {
  T_HELLO = 0x01, T_ARM = 0x02, T_FIRE = 0x03, T_STATUS = 0x04, T_ABORT = 0x05, T_PING = 0x06,
  T_REPORT = 0x07, T_IDENTIFY = 0x81, T_ARMED = 0x82, T_FIRING = 0x83, T_STEP_DONE = 0x84,
  T_SEQUENCE_DONE = 0x85, T_STATUS_REPORT = 0x86, T_ABORTED = 0x87, T_PONG = 0x88, T_STEP_LOG = 0x89,
  T_BOOT = 0x8A, T_ERROR = 0x8F
};

/* Timer ticks per microsecond of board time. */
#define TICKS_PER_US 2
/* Board times are whole microseconds: that is their resolution as the host sees it. */
#define TIMER_RESOLUTION_NANOS 1000
#define SILENCE_TICKS ((uint32_t)RX_SILENCE_MS * 1000 * TICKS_PER_US)

/* Settings kept in EEPROM, versioned; a blank or foreign EEPROM is re-initialised with the defaults. */
#define SETTINGS_VERSION 1
typedef struct {
  uint8_t version;
  uint64_t board_id;
  uint32_t boot_count;
} settings_t;
static settings_t EEMEM ee_settings = {SETTINGS_VERSION, BOARD_ID, 0};

uint8_t mcusr_at_boot __attribute__((section(".noinit")));

/* Paints free SRAM (from the end of .bss/.noinit to 16 bytes below the top) with 0xA5 before the C runtime
 * starts, so the simulator harness can measure how deep the stack ever grew. */
void paint_stack(void) __attribute__((naked, used, section(".init1")));
void paint_stack(void) {
  __asm__ volatile(
      "  ldi r30, lo8(__heap_start)\n"
      "  ldi r31, hi8(__heap_start)\n"
      "  ldi r24, 0xA5\n"
      "  ldi r25, hi8(%0)\n"
      "1: st Z+, r24\n"
      "  cpi r30, lo8(%0)\n"
      "  cpc r31, r25\n"
      "  brlo 1b\n" ::"i"(RAMEND - 16)
      : "r24", "r25", "r30", "r31", "memory");
}

/* A watchdog reset leaves the watchdog running: stop it before anything else (avr-libc's advice). */
void early_init(void) __attribute__((naked, used, section(".init3")));
void early_init(void) {
  mcusr_at_boot = MCUSR;
  MCUSR = 0;
  wdt_disable();
}

static settings_t settings;
static uint32_t boot_nonce;

static uint8_t state = ST_IDLE;
static uint16_t plan_id;
static uint16_t total_steps;
static uint16_t steps_armed;
static uint16_t steps_fired; /* valid outside FIRING */
static uint8_t last_error;
static uint8_t fire_seq;
static uint16_t steps_reported; /* STEP_DONE frames sent for the current firing */

/* Duplicate memory: the last command's SEQ and reply. STEP_LOG is regenerated from its first step and
 * count (fired steps' times never change), so the memory stays small. */
static int16_t last_seq = -1;
static uint8_t reply_type;
static uint8_t reply_len;
static uint8_t reply[25];
static uint16_t log_from;
static uint8_t log_count;

/* ---- transmit ---- */

static uint16_t tx_crc;

static void tx(uint8_t b) {
  tx_crc = crc16_update(tx_crc, b);
  uart_put(b);
}

static void tx_begin(uint8_t seq, uint8_t type, uint16_t len) {
  uint8_t h[4] = {(uint8_t)len, (uint8_t)(len >> 8), seq, type};
  uint8_t c8 = 0;
  uart_put(SYNC0);
  uart_put(SYNC1);
  tx_crc = 0xFFFF;
  for (uint8_t i = 0; i < 4; i++) {
    c8 = crc8_update(c8, h[i]);
    tx(h[i]);
  }
  tx(c8);
}

static void tx_end(void) {
  uint16_t c = tx_crc;
  uart_put((uint8_t)(c >> 8));
  uart_put((uint8_t)c);
}

static void tx_u16(uint16_t v) {
  tx((uint8_t)v);
  tx((uint8_t)(v >> 8));
}

static void tx_u64(uint64_t v) {
  for (uint8_t i = 0; i < 8; i++) {
    tx((uint8_t)v);
    v >>= 8;
  }
}

/* ---- reply builder (into the duplicate memory) ---- */

static void r_begin(uint8_t type) {
  reply_type = type;
  reply_len = 0;
}

static void r_u8(uint8_t v) {
  reply[reply_len++] = v;
}

static void r_u16(uint16_t v) {
  r_u8((uint8_t)v);
  r_u8((uint8_t)(v >> 8));
}

static void r_u32(uint32_t v) {
  r_u16((uint16_t)v);
  r_u16((uint16_t)(v >> 16));
}

static void r_u64(uint64_t v) {
  r_u32((uint32_t)v);
  r_u32((uint32_t)(v >> 32));
}

static uint16_t fired_now(void) {
  return state == ST_FIRING ? seq_fired() : steps_fired;
}

static uint64_t micros(void) {
  return seq_now_ticks() / TICKS_PER_US;
}

static void r_error(uint8_t code, uint8_t type, uint16_t detail) {
  last_error = code;
  r_begin(T_ERROR);
  r_u8(code);
  r_u8(type);
  r_u16(detail);
  r_u8(state);
}

static void r_identify(uint8_t type) {
  r_begin(type);
  r_u8(PROTOCOL_VERSION);
  r_u8(FW_MAJOR);
  r_u8(FW_MINOR);
  r_u8(FW_PATCH);
  r_u64(settings.board_id);
  r_u8(CHANNEL_COUNT);
  r_u16(MAX_STEPS);
  r_u16(TIMER_RESOLUTION_NANOS);
  r_u32(boot_nonce);
  r_u32(settings.boot_count);
}

static void send_reply(uint8_t seq) {
  if (reply_type == T_STEP_LOG) {
    tx_begin(seq, T_STEP_LOG, (uint16_t)(5 + 8 * log_count));
    tx_u16(plan_id);
    tx_u16(log_from);
    tx(log_count);
    for (uint8_t i = 0; i < log_count; i++) {
      tx_u64(seq_rise_ticks(log_from + i) / TICKS_PER_US);
    }
  } else {
    tx_begin(seq, reply_type, reply_len);
    for (uint8_t i = 0; i < reply_len; i++) {
      tx(reply[i]);
    }
  }
  tx_end();
}

/* An error about a frame that could not be executed (damaged); not kept in the duplicate memory. */
static void send_corrupt(uint8_t seq, uint8_t code, uint8_t type, uint16_t declared_len) {
  last_error = code;
  tx_begin(seq, T_ERROR, 5);
  tx(code);
  tx(type);
  tx_u16(declared_len);
  tx(state);
  tx_end();
}

/* ---- step events ---- */

static void send_sequence_done(uint16_t fired, uint8_t completed) {
  tx_begin(fire_seq, T_SEQUENCE_DONE, 13);
  tx_u16(plan_id);
  tx_u16(fired);
  tx(completed);
  tx_u64(seq_end_ticks() / TICKS_PER_US);
  tx_end();
}

/* Sends STEP_DONE for steps fired since the last call, then SEQUENCE_DONE once the plan has ended. */
static void pump(void) {
  if (state != ST_FIRING) {
    return;
  }
  uint8_t running = seq_running();
  uint16_t fired = seq_fired();
  while (steps_reported < fired) {
    uint16_t i = steps_reported;
    tx_begin(fire_seq, T_STEP_DONE, 14);
    tx_u16(plan_id);
    tx_u16(i);
    tx_u16(seq_steps[i].mask);
    tx_u64(seq_rise_ticks(i) / TICKS_PER_US);
    tx_end();
    steps_reported++;
  }
  if (!running) {
    steps_fired = fired;
    uint8_t completed = fired == total_steps;
    state = completed ? ST_DONE : ST_ARMED;
    send_sequence_done(fired, completed);
  }
}

static uint8_t work_pending(void) {
  return state == ST_FIRING && (!seq_running() || seq_fired() > steps_reported);
}

/* ---- payload access (the frame still sits in the receive ring) ---- */

static uint8_t p8(uint16_t off) {
  return uart_peek(HEADER_BYTES + off);
}

static uint16_t p16(uint16_t off) {
  return (uint16_t)(p8(off) | ((uint16_t)p8(off + 1) << 8));
}

static uint32_t p32(uint16_t off) {
  return (uint32_t)p16(off) | ((uint32_t)p16(off + 2) << 16);
}

/* ---- commands ---- */

static void cmd_arm(uint8_t type) {
  uint16_t plan = p16(0), total = p16(2), offset = p16(4);
  uint8_t n = p8(6);
  if (state == ST_FIRING) {
    r_error(E_BUSY, type, seq_fired());
    return;
  }
  if (total > MAX_STEPS) {
    r_error(E_SEQUENCE_TOO_LONG, type, MAX_STEPS);
    return;
  }
  if (total == 0) {
    r_error(E_BAD_PAYLOAD, type, 2);
    return;
  }
  if (offset != 0) {
    if (plan != plan_id || total != total_steps) {
      r_error(E_BAD_PAYLOAD, type, 0);
      return;
    }
    if (offset != steps_armed) {
      r_error(E_BAD_PAYLOAD, type, 4);
      return;
    }
  }
  if ((uint32_t)offset + n > total) {
    r_error(E_BAD_PAYLOAD, type, 6);
    return;
  }
  for (uint8_t i = 0; i < n; i++) {
    uint16_t at = ARM_HEADER_BYTES + ARM_STEP_BYTES * i;
#if CHANNEL_COUNT < 16
    if (p16(at) >> CHANNEL_COUNT) {
      r_error(E_BAD_PAYLOAD, type, at);
      return;
    }
#endif
    if (p32(at + 6) == 0) {
      r_error(E_BAD_PAYLOAD, type, at + 6);
      return;
    }
  }
  if (offset == 0) {
    plan_id = plan;
    total_steps = total;
    steps_armed = 0;
    steps_fired = 0;
    state = ST_IDLE;
  }
  for (uint8_t i = 0; i < n; i++) {
    uint16_t at = ARM_HEADER_BYTES + ARM_STEP_BYTES * i;
    step_t *s = &seq_steps[steps_armed++];
    s->mask = p16(at);
    s->delay_us = p32(at + 2);
    s->pulse_us = p32(at + 6);
  }
  if (steps_armed == total_steps) {
    state = ST_ARMED;
  }
  r_begin(T_ARMED);
  r_u16(plan_id);
  r_u16(steps_armed);
  r_u16(total_steps);
  r_u32(boot_nonce);
}

static void cmd_fire(uint8_t seq, uint8_t type) {
  if (state == ST_FIRING) {
    r_error(E_BUSY, type, seq_fired());
    return;
  }
  if (state != ST_ARMED && state != ST_DONE) {
    r_error(E_BAD_STATE, type, state);
    return;
  }
  if (p16(0) != plan_id) {
    r_error(E_BAD_PAYLOAD, type, 0);
    return;
  }
  state = ST_FIRING;
  fire_seq = seq;
  steps_reported = 0;
  steps_fired = 0;
  uint64_t start = seq_start(total_steps);
  r_begin(T_FIRING);
  r_u16(plan_id);
  r_u16(total_steps);
  r_u64(start / TICKS_PER_US);
  r_u32(boot_nonce);
}

static void cmd_abort(void) {
  uint8_t before = state;
  if (state == ST_FIRING) {
    seq_stop();
    pump(); /* the remaining STEP_DONE frames and SEQUENCE_DONE (completed only if every step rose) */
  }
  r_begin(T_ABORTED);
  r_u16(plan_id);
  r_u16(fired_now());
  r_u8(before);
}

static void cmd_report(uint8_t type) {
  uint16_t plan = p16(0), from = p16(2);
  uint8_t count = p8(4);
  uint16_t fired = fired_now();
  if ((state != ST_FIRING && state != ST_DONE && fired == 0) || plan != plan_id) {
    r_error(E_BAD_STATE, type, state);
    return;
  }
  if (from > fired) {
    r_error(E_BAD_PAYLOAD, type, 2);
    return;
  }
  uint16_t n = fired - from;
  if (n > count) {
    n = count;
  }
  if (n > MAX_STEPS_PER_LOG) {
    n = MAX_STEPS_PER_LOG;
  }
  reply_type = T_STEP_LOG;
  log_from = from;
  log_count = (uint8_t)n;
}

/* Payload size a board-to-host type must have (they are refused as UNKNOWN_TYPE once well formed). */
static int16_t board_type_length(uint8_t type) {
  switch (type) {
    case T_IDENTIFY: case T_BOOT: return 25;
    case T_ARMED: return 10;
    case T_FIRING: return 16;
    case T_STEP_DONE: return 14;
    case T_SEQUENCE_DONE: return 13;
    case T_STATUS_REPORT: case T_PONG: return 20;
    case T_ABORTED: case T_ERROR: return 5;
    default: return -1;
  }
}

/* Executes one intact frame; the reply lands in the duplicate memory. Checks in the host codec's order:
 * payload length, then fields, then state. */
static void execute(uint8_t seq, uint8_t type, uint16_t len) {
  switch (type) {
    case T_HELLO:
      if (len != 1) {
        r_error(E_BAD_LENGTH, type, len);
      } else if (p8(0) != PROTOCOL_VERSION) {
        r_error(E_VERSION_MISMATCH, type, PROTOCOL_VERSION);
      } else {
        r_identify(T_IDENTIFY);
      }
      return;
    case T_ARM:
      if (len < ARM_HEADER_BYTES) {
        r_error(E_BAD_LENGTH, type, len);
      } else if (p8(6) > MAX_STEPS_PER_ARM) {
        r_error(E_BAD_PAYLOAD, type, 6);
      } else if (len != ARM_HEADER_BYTES + ARM_STEP_BYTES * (uint16_t)p8(6)) {
        r_error(E_BAD_LENGTH, type, len);
      } else {
        cmd_arm(type);
      }
      return;
    case T_FIRE:
      if (len != 2) {
        r_error(E_BAD_LENGTH, type, len);
      } else {
        cmd_fire(seq, type);
      }
      return;
    case T_STATUS:
      if (len != 0) {
        r_error(E_BAD_LENGTH, type, len);
        return;
      }
      r_begin(T_STATUS_REPORT);
      r_u8(state);
      r_u16(plan_id);
      r_u16(steps_armed);
      r_u16(fired_now());
      r_u64(micros());
      r_u32(boot_nonce);
      r_u8(last_error);
      return;
    case T_ABORT:
      if (len != 0) {
        r_error(E_BAD_LENGTH, type, len);
      } else {
        cmd_abort();
      }
      return;
    case T_PING:
      if (len != 8) {
        r_error(E_BAD_LENGTH, type, len);
        return;
      }
      r_begin(T_PONG);
      for (uint8_t i = 0; i < 8; i++) {
        r_u8(p8(i));
      }
      r_u64(micros());
      r_u32(boot_nonce);
      return;
    case T_REPORT:
      if (len != 5) {
        r_error(E_BAD_LENGTH, type, len);
      } else {
        cmd_report(type);
      }
      return;
    case T_STEP_LOG:
      if (len < 5) {
        r_error(E_BAD_LENGTH, type, len);
      } else if (p8(4) > MAX_STEPS_PER_LOG) {
        r_error(E_BAD_PAYLOAD, type, 4);
      } else if (len != 5 + 8 * (uint16_t)p8(4)) {
        r_error(E_BAD_LENGTH, type, len);
      } else {
        r_error(E_UNKNOWN_TYPE, type, 0);
      }
      return;
    default: {
      int16_t want = board_type_length(type);
      if (want >= 0 && len != (uint16_t)want) {
        r_error(E_BAD_LENGTH, type, len);
      } else if ((type == T_SEQUENCE_DONE && p8(4) > 1) || (type == T_ABORTED && p8(4) > ST_DONE)) {
        r_error(E_BAD_PAYLOAD, type, 4);
      } else if (type == T_STATUS_REPORT && p8(0) > ST_DONE) {
        r_error(E_BAD_PAYLOAD, type, 0);
      } else {
        r_error(E_UNKNOWN_TYPE, type, 0);
      }
      return;
    }
  }
}

static void handle(uint8_t seq, uint8_t type, uint16_t len) {
  if (seq != last_seq || reply_type == 0 || type == T_HELLO) {
    execute(seq, type, len);
    last_seq = seq;
  } /* else a duplicate of the last command: answer again, do not act twice */
  send_reply(seq);
}

/* ---- receive: the protocol's resynchronising decoder over the ring ---- */

static uint16_t rx_seen;
static uint64_t rx_last_tick;

/* Decodes every complete frame in the ring; returns 1 if a partial frame is waiting for more bytes. */
static uint8_t parse(void) {
  for (;;) {
    uint16_t avail = uart_available();
    if (avail == 0) {
      return 0;
    }
    if (uart_peek(0) != SYNC0) {
      uart_drop(1);
      continue;
    }
    if (avail < 2) {
      return 1;
    }
    if (uart_peek(1) != SYNC1) {
      uart_drop(1);
      continue;
    }
    if (avail < HEADER_BYTES) {
      return 1;
    }
    uint8_t c8 = 0;
    for (uint8_t i = 2; i < 6; i++) {
      c8 = crc8_update(c8, uart_peek(i));
    }
    if (c8 != uart_peek(6)) {
      uart_drop(1);
      continue;
    }
    uint16_t len = (uint16_t)(uart_peek(2) | ((uint16_t)uart_peek(3) << 8));
    uint8_t seq = uart_peek(4), type = uart_peek(5);
    if (len > MAX_PAYLOAD) {
      send_corrupt(seq, E_BAD_LENGTH, type, len);
      uart_drop(1);
      continue;
    }
    uint16_t total = HEADER_BYTES + len + 2;
    if (avail < total) {
      return 1;
    }
    uint16_t c16 = 0xFFFF;
    for (uint16_t i = 2; i < HEADER_BYTES + len; i++) {
      c16 = crc16_update(c16, uart_peek(i));
    }
    uint16_t sent = (uint16_t)(((uint16_t)uart_peek(HEADER_BYTES + len) << 8) | uart_peek(HEADER_BYTES + len + 1));
    if (c16 != sent) {
      send_corrupt(seq, E_BAD_CRC, type, len);
      uart_drop(1);
      continue;
    }
    handle(seq, type, len);
    uart_drop(total);
  }
}

static void poll_rx(void) {
  uint16_t avail = uart_available();
  uint64_t now = seq_now_ticks();
  if (avail != rx_seen) {
    rx_last_tick = now;
  }
  uint8_t partial = parse();
  if (partial && now - rx_last_tick >= SILENCE_TICKS) {
    uart_drop(1); /* abandon the stalled frame's first byte; the rest is rescanned */
    parse();
  }
  rx_seen = uart_available();
}

/* ---- boot ---- */

/* A 32-bit nonce from the noise in 16 readings of the floating A5 input, the timer and the boot count. */
static uint32_t make_nonce(void) {
  uint32_t h = 2166136261UL ^ settings.boot_count;
  ADMUX = _BV(REFS0) | 5;
  ADCSRA = _BV(ADEN) | _BV(ADPS2) | _BV(ADPS1) | _BV(ADPS0);
  for (uint8_t i = 0; i < 16; i++) {
    ADCSRA |= _BV(ADSC);
    while (ADCSRA & _BV(ADSC)) {
    }
    h = (h ^ ADC ^ TCNT1) * 16777619UL;
  }
  ADCSRA = 0;
  return h;
}

static void load_settings(void) {
  eeprom_read_block(&settings, &ee_settings, sizeof settings);
  if (settings.version != SETTINGS_VERSION) {
    settings.version = SETTINGS_VERSION;
    settings.board_id = BOARD_ID;
    settings.boot_count = 0;
  }
  settings.boot_count++;
  eeprom_update_block(&settings, &ee_settings, sizeof settings);
}

int main(void) {
  seq_init();
  load_settings();
  boot_nonce = make_nonce();
  uart_init();
  set_sleep_mode(SLEEP_MODE_IDLE);
  sei();
  r_identify(T_BOOT);
  send_reply(0);
  reply_type = 0; /* BOOT is not a reply to anything */
  uart_drop(uart_available()); /* input that arrived while booting is ignored */
  wdt_enable(WDTO_250MS);
  for (;;) {
    wdt_reset();
    poll_rx();
    pump();
    cli();
    if (uart_available() == rx_seen && !work_pending()) {
      sleep_enable();
      sei();
      sleep_cpu(); /* any interrupt wakes: a byte, a timer overflow, a step */
      sleep_disable();
    }
    sei();
  }
}
