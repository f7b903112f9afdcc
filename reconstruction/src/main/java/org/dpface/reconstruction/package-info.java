/**
 * Structured-light pattern codec (Gray code + phase shift, generate and decode), camera-projector and camera-camera triangulation, multi-view fusion and meshing into a metric face mesh (PLY, mm).
 *
 * <p>Built by issue 10; see this module's README.md for what it owns and what it must not touch.
 */
package org.dpface.reconstruction;
