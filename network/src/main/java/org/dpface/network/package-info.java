/**
 * DJL models (StereoDP and baselines), training on shards, validation metrics and reports.
 *
 * <p>Built by issue 4; see this module's README.md for what it owns and what it must not touch.
 */
package org.dpface.network;
