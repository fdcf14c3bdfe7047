package io.biotrack.worker.bench;

/**
 * Decode and letterbox of one photo, medians in milliseconds: wall time, and CPU time of the
 * measuring process (all its threads), which other processes on a busy machine inflate much less.
 */
record PhotoTimes(double decode, double letterbox, double decodeCpu, double letterboxCpu) {}
