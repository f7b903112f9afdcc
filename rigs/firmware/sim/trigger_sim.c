/*
 * simavr harness for the dpface trigger-board firmware.
 *
 *   trigger-sim [-o edges.csv] [-s seed] build/trigger.elf
 *
 * Runs the firmware on a simulated ATmega328P at 16 MHz, bridges USART0 to a pseudo-terminal (simavr's
 * uart_pty part) and prints, on stdout, one line "frequency <Hz>" and one line "pty <path>" (open that path
 * as the board's serial port). Every level change of an output pin of ports B, C and D is appended to the
 * CSV file as "cycle,port,pin,level" (simavr cycle count at the change); the file is flushed after every
 * line so a reader sees edges as they happen. The floating A5 input (the firmware's boot-nonce entropy)
 * reads pseudo-random millivolts from the seed. SIGTERM or SIGINT stop the simulation; on the way out the
 * harness prints "stack-unused <bytes>": SRAM the firmware painted at boot and never touched.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "avr_adc.h"
#include "avr_ioport.h"
#include "sim_avr.h"
#include "sim_elf.h"
#include "uart_pty.h"

#define PAINT 0xA5
#define PAINT_RUN 16

static volatile sig_atomic_t stop;
static avr_t *avr;
static FILE *edges;
static uint8_t levels[3][8];
static uint8_t known[3][8];
static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static void on_signal(int sig) {
  (void)sig;
  stop = 1;
}

static uint32_t next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng >> 32);
}

/* Pin callback: param encodes port index (0 B, 1 C, 2 D) * 8 + pin. */
static void on_pin(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  uintptr_t key = (uintptr_t)param;
  int port = (int)(key / 8), pin = (int)(key % 8);
  uint8_t level = value ? 1 : 0;
  if (known[port][pin] && levels[port][pin] == level) {
    return;
  }
  known[port][pin] = 1;
  levels[port][pin] = level;
  if (edges != NULL) {
    fprintf(edges, "%llu,%c,%d,%u\n", (unsigned long long)avr->cycle, "BCD"[port], pin, level);
    fflush(edges);
  }
}

/* ADC conversion started: offer noise on ADC5 (the unconnected A5 pin). */
static void on_adc_trigger(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)value;
  (void)param;
  avr_raise_irq(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC5), 100 + next_random() % 4800);
}

static void quiet_logger(avr_t *a, const int level, const char *format, va_list ap) {
  (void)a;
  if (level <= LOG_WARNING) {
    vfprintf(stderr, format, ap);
  }
}

static uint32_t stack_unused(void) {
  uint32_t best = 0, run = 0;
  for (uint32_t a = 0x100; a <= avr->ramend; a++) {
    run = avr->data[a] == PAINT ? run + 1 : 0;
    if (run > best) {
      best = run;
    }
  }
  return best >= PAINT_RUN ? best : 0;
}

int main(int argc, char **argv) {
  const char *edges_path = NULL;
  uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
  int opt;
  while ((opt = getopt(argc, argv, "o:s:")) != -1) {
    if (opt == 'o') {
      edges_path = optarg;
    } else if (opt == 's') {
      seed = strtoull(optarg, NULL, 0);
    } else {
      fprintf(stderr, "usage: %s [-o edges.csv] [-s seed] trigger.elf\n", argv[0]);
      return 2;
    }
  }
  if (optind != argc - 1) {
    fprintf(stderr, "usage: %s [-o edges.csv] [-s seed] trigger.elf\n", argv[0]);
    return 2;
  }
  rng ^= seed * 0xD1B54A32D192ED03ULL;
  if (rng == 0) {
    rng = 1;
  }
  avr_global_logger_set(quiet_logger);

  elf_firmware_t fw;
  memset(&fw, 0, sizeof fw);
  if (elf_read_firmware(argv[optind], &fw) != 0) {
    fprintf(stderr, "trigger-sim: cannot read %s\n", argv[optind]);
    return 1;
  }
  strcpy(fw.mmcu, "atmega328p");
  fw.frequency = 16000000;
  avr = avr_make_mcu_by_name(fw.mmcu);
  if (avr == NULL) {
    fprintf(stderr, "trigger-sim: simavr does not know %s\n", fw.mmcu);
    return 1;
  }
  avr_init(avr);
  avr_load_firmware(avr, &fw);
  avr->vcc = avr->avcc = avr->aref = 5000;

  if (edges_path != NULL) {
    edges = fopen(edges_path, "w");
    if (edges == NULL) {
      fprintf(stderr, "trigger-sim: cannot write %s: %s\n", edges_path, strerror(errno));
      return 1;
    }
    fprintf(edges, "cycle,port,pin,level\n");
    fflush(edges);
  }
  for (int port = 0; port < 3; port++) {
    for (int pin = 0; pin < 8; pin++) {
      avr_irq_t *irq = avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ("BCD"[port]), pin);
      avr_irq_register_notify(irq, on_pin, (void *)(uintptr_t)(port * 8 + pin));
    }
  }
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_OUT_TRIGGER), on_adc_trigger, NULL);

  static uart_pty_t pty;
  uart_pty_init(avr, &pty);
  uart_pty_connect(&pty, '0');
  printf("frequency %u\n", fw.frequency);
  printf("pty %s\n", pty.port[0].slavename);
  fflush(stdout);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);

  int state = cpu_Running;
  while (!stop && state != cpu_Done && state != cpu_Crashed) {
    state = avr_run(avr);
  }
  printf("stack-unused %u\n", stack_unused());
  printf("exit %s at cycle %llu\n", state == cpu_Crashed ? "crashed" : "stopped", (unsigned long long)avr->cycle);
  fflush(stdout);
  uart_pty_stop(&pty);
  if (edges != NULL) {
    fclose(edges);
  }
  return state == cpu_Crashed ? 1 : 0;
}
