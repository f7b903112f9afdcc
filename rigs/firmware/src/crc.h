/* Checksums of docs/trigger-protocol.md: CRC-8/SMBUS (header) and CRC-16/CCITT-FALSE (frame). */
#ifndef DPFACE_CRC_H
#define DPFACE_CRC_H
#include <stdint.h>

/* Folds one byte into a CRC-8/SMBUS (poly 0x07, init 0, not reflected). */
uint8_t crc8_update(uint8_t crc, uint8_t b);

/* Folds one byte into a CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, not reflected). */
uint16_t crc16_update(uint16_t crc, uint8_t b);

#endif
