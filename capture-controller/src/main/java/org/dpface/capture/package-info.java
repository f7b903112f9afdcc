/**
 * Trigger-board protocol and serial transport (jSerialComm), device SPIs (trigger board, DP camera, projector, light) with serial, virtual, hot-folder and FFmpeg drivers, sessions and takes with crash-safe storage.
 *
 * <p>Built by issue 8; see this module's README.md for what it owns and what it must not touch.
 */
package org.dpface.capture;
