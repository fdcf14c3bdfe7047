package io.biotrack.launch;

/**
 * A launched worker.
 *
 * @param kind the launcher that made it ("aci", "virtual-node", "kubernetes", "local")
 * @param name the deterministic name, {@code biotrack-{jobId}-{attempt}}
 * @param id the platform's own id (ARM resource id, Pod uid, process id)
 */
public record WorkloadHandle(String kind, String name, String id) {}
