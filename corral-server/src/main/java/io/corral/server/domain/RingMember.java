package io.corral.server.domain;

/** One shard of a rendezvous ring as a ring migration sees it: its never-reused id and its primary URL. */
public record RingMember(long shardId, String url) {
}
