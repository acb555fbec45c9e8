package io.corral.server.domain;

import java.util.List;

/**
 * A webhook subscription of one workspace: events whose reason matches one of {@code eventTypes} are
 * POSTed to {@code url}, signed with {@code secret}. A type is an event reason
 * ({@code node.deleted}), a prefix pattern ({@code node.*}) or {@code *}. The secret is needed in
 * clear to sign deliveries, so it is kept in the replicated state; the API never shows it after creation.
 */
public record Webhook(String id, String workspace, String url, List<String> eventTypes, String secret,
                      long createdAtMs, String createdBy) {

    public Webhook {
        eventTypes = List.copyOf(eventTypes);
    }

    /** Whether an event with {@code reason} is delivered to this webhook. {@code webhook.*} events never are. */
    public boolean wants(String reason) {
        if (reason == null || reason.startsWith("webhook.")) {
            return false;
        }
        for (String t : eventTypes) {
            if (t.equals("*") || t.equals(reason)
                    || (t.endsWith(".*") && reason.startsWith(t.substring(0, t.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
