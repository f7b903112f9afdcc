/**
 * Registration of ground-truth meshes to every DP view, QC, HDF5 shards (jHDF), index, checksums, subject-disjoint splits, consent withdrawal.
 *
 * <p>Built by issue 9; see this module's README.md for what it owns and what it must not touch.
 */
package org.dpface.dataset;
