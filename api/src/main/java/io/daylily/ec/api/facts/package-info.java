/**
 * Facts one phase of a run settles and later phases use, each a record under a
 * {@link io.daylily.ec.api.ContextKeys} key: the network ({@link Network}), the reference bucket
 * ({@link ReferenceBucket}), the key pair and its PEM ({@link KeyPair}), the heartbeat settings
 * ({@link HeartbeatSettings}). The producing step also writes the matching config values, which stay
 * the snapshot/artifact view of the run; consumers read the record.
 */
package io.daylily.ec.api.facts;
