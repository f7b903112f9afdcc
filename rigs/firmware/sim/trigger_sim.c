/*
 * simavr harness for the dpface trigger-board firmware.
 *
 *   trigger-sim [-o edges.csv] [-e eeprom.bin] [-s seed] build/trigger.elf
 *
 * Runs the firmware on a simulated ATmega328P at 16 MHz, bridges USART0 to a pseudo-terminal (openpty;
 * bytes from the host go into the simulated UART at its baud rate, honouring its XON/XOFF, bytes it sends
 * are written to the pty at once) and prints, on stdout, one line "frequency <Hz>" and one line "pty <path>" (open that path
 * as the board's serial port). Every level change of a pin of ports B, C and D is appended to the
 * CSV file as "cycle,port,pin,level" (simavr cycle count at the change); the file is flushed after every
 * line so a reader sees edges as they happen. The floating A5 input (the firmware's boot-nonce entropy)
 * reads pseudo-random millivolts from the seed. With -e the EEPROM (1 KiB) is loaded from that file if it
 * exists (else it holds the firmware's .eeprom defaults) and saved back on exit, so settings and the boot
 * counter survive a "power cycle" (a new harness run). SIGTERM or SIGINT stop the simulation; on the way out the
 * harness prints "stack-unused <bytes>": SRAM the firmware painted at boot and never touched.
 *
 * While the firmware sleeps, the harness waits on the pty for as long as the sleep lasts in simulated time,
 * so the simulation keeps roughly to real time when idle and wakes at once when the host writes. (simavr's
 * own uart_pty part lost bytes of bursts longer than the UART's 64-byte input FIFO here, hence this bridge.)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "avr_adc.h"
#include "avr_eeprom.h"
#include "avr_ioport.h"
#include "sim_avr.h"
#include "avr_uart.h"
#include "sim_elf.h"
#include "sim_time.h"

#define PAINT 0xA5
#define PAINT_RUN 16

static volatile sig_atomic_t stop;
static avr_t *avr;
static FILE *edges;
static uint8_t levels[3][8]; /* after reset every pin is a low input */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;

/* Host-to-board bytes waiting for the UART. */
static int master = -1;
static uint8_t in_queue[4096];
static size_t in_head, in_tail;
static int uart_xoff;
static avr_irq_t *uart_input;

static void feed_uart(void) {
  while (!uart_xoff && in_head != in_tail) {
    uint8_t b = in_queue[in_tail];
    in_tail = (in_tail + 1) % sizeof in_queue;
    avr_raise_irq(uart_input, b);
  }
}

static void read_pty(void) {
  for (;;) {
    size_t room = (in_tail + sizeof in_queue - in_head - 1) % sizeof in_queue;
    if (room == 0) {
      break;
    }
    size_t chunk = in_head >= in_tail ? sizeof in_queue - in_head : in_tail - in_head - 1;
    if (chunk > room) {
      chunk = room;
    }
    ssize_t n = read(master, in_queue + in_head, chunk);
    if (n <= 0) {
      break;
    }
    in_head = (in_head + (size_t)n) % sizeof in_queue;
  }
  feed_uart();
}

static void on_uart_output(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)param;
  uint8_t b = (uint8_t)value;
  if (write(master, &b, 1) != 1) {
    /* nobody reading and the pty buffer full: the byte is lost, as on a disconnected cable */
  }
}

static void on_uart_xon(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)value;
  (void)param;
  uart_xoff = 0;
  feed_uart();
}

static void on_uart_xoff(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)value;
  (void)param;
  uart_xoff = 1;
}

static uint64_t wall_start_ns;
static uint32_t short_sleeps;
static avr_cycle_count_t next_check_cycle;

static uint64_t wall_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000ULL + (uint64_t)t.tv_nsec;
}

/* The firmware sleeps: if simulated time is ahead of the wall clock by 1 ms or more, wait for the wall
 * clock to catch up, or until the host writes. Short sleeps (the UART polls every byte time) are only
 * accounted, so the simulation keeps to real time without a system call per sleep. */
static void sleep_on_pty(avr_t *a, avr_cycle_count_t how_long) {
  (void)how_long; /* avr->cycle already includes it */
  if (a->cycle < next_check_cycle) {
    if ((++short_sleeps & 63) == 0) {
      read_pty();
    }
    return;
  }
  next_check_cycle = a->cycle + a->frequency / 4000; /* look at the wall clock every 250 µs simulated */
  uint64_t sim_ns = avr_cycles_to_nsec(a, a->cycle);
  uint64_t now = wall_ns() - wall_start_ns;
  if (sim_ns > now + 1000000ULL) {
    uint64_t wait = sim_ns - now;
    struct timespec ts = {(time_t)(wait / 1000000000ULL), (long)(wait % 1000000000ULL)};
    struct pollfd p = {master, POLLIN, 0};
    ppoll(&p, 1, &ts, NULL);
  }
  read_pty();
}

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
  if (levels[port][pin] == level) {
    return;
  }
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

#define EEPROM_BYTES 1024

static void load_eeprom(const char *path) {
  uint8_t buf[EEPROM_BYTES];
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return; /* first run: keep the firmware's defaults */
  }
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  if (n == sizeof buf) {
    avr_eeprom_desc_t d = {buf, 0, sizeof buf};
    avr_ioctl(avr, AVR_IOCTL_EEPROM_SET, &d);
  }
}

static void save_eeprom(const char *path) {
  uint8_t buf[EEPROM_BYTES];
  avr_eeprom_desc_t d = {buf, 0, sizeof buf};
  avr_ioctl(avr, AVR_IOCTL_EEPROM_GET, &d);
  FILE *f = fopen(path, "wb");
  if (f == NULL || fwrite(buf, 1, sizeof buf, f) != sizeof buf) {
    fprintf(stderr, "trigger-sim: cannot save EEPROM to %s\n", path);
  }
  if (f != NULL) {
    fclose(f);
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
  const char *eeprom_path = NULL;
  uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
  int opt;
  while ((opt = getopt(argc, argv, "o:e:s:")) != -1) {
    if (opt == 'o') {
      edges_path = optarg;
    } else if (opt == 'e') {
      eeprom_path = optarg;
    } else if (opt == 's') {
      seed = strtoull(optarg, NULL, 0);
    } else {
      fprintf(stderr, "usage: %s [-o edges.csv] [-e eeprom.bin] [-s seed] trigger.elf\n", argv[0]);
      return 2;
    }
  }
  if (optind != argc - 1) {
    fprintf(stderr, "usage: %s [-o edges.csv] [-e eeprom.bin] [-s seed] trigger.elf\n", argv[0]);
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
  if (eeprom_path != NULL) {
    load_eeprom(eeprom_path);
  }

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

  int slave;
  char name[256];
  if (openpty(&master, &slave, name, NULL, NULL) != 0) {
    fprintf(stderr, "trigger-sim: openpty: %s\n", strerror(errno));
    return 1;
  }
  struct termios tio;
  tcgetattr(slave, &tio);
  cfmakeraw(&tio);
  tcsetattr(slave, TCSANOW, &tio);
  fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  /* The slave stays open here too, so the master never sees a hang-up when the host closes the port. */
  uint32_t flags = 0;
  avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
  flags &= ~AVR_UART_FLAG_STDIO;
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  uart_input = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), on_uart_output, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), on_uart_xon, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), on_uart_xoff, NULL);
  avr->sleep = sleep_on_pty;
  wall_start_ns = wall_ns();
  printf("frequency %u\n", fw.frequency);
  printf("pty %s\n", name);
  fflush(stdout);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);

  int state = cpu_Running;
  uint32_t steps = 0;
  while (!stop && state != cpu_Done && state != cpu_Crashed) {
    state = avr_run(avr);
    if ((++steps & 4095) == 0) {
      read_pty();
    }
  }
  printf("stack-unused %u\n", stack_unused());
  printf("exit %s at cycle %llu\n", state == cpu_Crashed ? "crashed" : "stopped", (unsigned long long)avr->cycle);
  fflush(stdout);
  if (eeprom_path != NULL) {
    save_eeprom(eeprom_path);
  }
  close(slave);
  close(master);
  if (edges != NULL) {
    fclose(edges);
  }
  return state == cpu_Crashed ? 1 : 0;
}
