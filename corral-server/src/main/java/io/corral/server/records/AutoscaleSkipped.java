package io.corral.server.records;

/**
 * The autoscaler of a workspace wanted to act but could not, for a reason a person should know (e.g. the
 * high water was exceeded but the standby pool is empty). Changes nothing but the event log.
 *
 * @param refusal a stable code for the reason, e.g. {@code standby_pool_empty}; repeats aggregate by it
 * @param reason  the explanation, for the event message
 */
public record AutoscaleSkipped(String workspace, String refusal, String reason, long atMs, String actor)
        implements AutoscaleRecord {
}
