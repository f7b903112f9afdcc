/* Build-time configuration of the dpface trigger-board firmware (docs/trigger-firmware.md). */
#ifndef DPFACE_CONFIG_H
#define DPFACE_CONFIG_H

#define PROTOCOL_VERSION 1
#define FW_MAJOR 1
#define FW_MINOR 0
#define FW_PATCH 0

/* Output channels: 0-5 on PD2-PD7 (Uno D2-D7), 6-11 on PB0-PB5 (D8-D13), 12-15 on PC0-PC3 (A0-A3). */
#define CHANNEL_COUNT 16

/* Longest plan held in RAM (12 bytes a step); the Makefile may override it. */
#ifndef MAX_STEPS
#define MAX_STEPS 90
#endif

/* Serial number used while the EEPROM holds none (overridden by the Makefile's BOARD_ID). */
#ifndef BOARD_ID
#define BOARD_ID 0x00D0FACE00000001ULL
#endif

#define UART_BAUD 115200UL

/* Frame layout (docs/trigger-protocol.md). */
#define SYNC0 0xA5
#define SYNC1 0x5A
#define HEADER_BYTES 7
#define MAX_PAYLOAD 512
#define MAX_FRAME (HEADER_BYTES + MAX_PAYLOAD + 2)
#define MAX_STEPS_PER_ARM 50
#define ARM_HEADER_BYTES 7
#define ARM_STEP_BYTES 10
#define MAX_STEPS_PER_LOG 60

/* Receive ring: one whole frame plus slack for bytes that arrive while it is handled. */
#define RX_RING_BYTES 560

/* A partial frame is abandoned after this much silence (ms), as the protocol's receivers do. */
#define RX_SILENCE_MS 50

#endif
