/**
 * Shard moves on the node side. A data node implements {@link io.corral.agent.moves.MoveParticipant}
 * (export, import, catch up, drop), starts a {@link io.corral.agent.moves.MoveWorker} beside its
 * {@link io.corral.agent.NodeAgent}, and mounts the worker's
 * {@link io.corral.agent.moves.MoveExportHandler} on its HTTP server; the worker then does the node's
 * part of every move the coordinator runs (snapshot, catch-up, cleanup), reports steps, progress and
 * failures, and redoes a phase when the coordinator restarts it.
 */
package io.corral.agent.moves;
