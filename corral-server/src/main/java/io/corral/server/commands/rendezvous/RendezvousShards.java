package io.corral.server.commands.rendezvous;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Node;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared rules of rendezvous (Quiver-style) shards: URL checks, node lookup, the resource they belong to. */
public final class RendezvousShards {
    private RendezvousShards() {
    }

    /** A new rendezvous resource: routing by HRW over shard ids; partitions and placement do not apply. */
    public static Resource newResource(String workspace, String id, long nowMs) {
        return new Resource(workspace, id, "collection", RoutingStyle.RENDEZVOUS, List.of(), 1, 1, null, Map.of(),
                List.of(), false, 0, null, nowMs, nowMs);
    }

    /** Checks that {@code url} is an absolute http(s) URL and returns it without a trailing slash. */
    public static String checkUrl(String field, String url) {
        if (url == null || url.isBlank()) {
            throw CorralException.invalid(field, field + " is required");
        }
        try {
            URI u = URI.create(url);
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid(field, field + " '" + url + "' must be an absolute http(s) URL");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The replicas of a shard at these URLs; each links to the Corral node with that URL, if any. */
    public static List<Replica> replicas(ClusterImage image, String primaryUrl, List<String> replicaUrls) {
        List<Replica> out = new ArrayList<>();
        out.add(new Replica(nodeAt(image, primaryUrl), primaryUrl, Replica.Role.LEADER, Replica.State.ACTIVE));
        for (String u : replicaUrls) {
            out.add(new Replica(nodeAt(image, u), u, Replica.Role.FOLLOWER, Replica.State.ACTIVE));
        }
        return out;
    }

    private static String nodeAt(ClusterImage image, String url) {
        for (Node n : image.nodes().values()) {
            String nodeUrl = n.addresses().url();
            if (nodeUrl != null && (nodeUrl.equals(url) || nodeUrl.equals(url + "/"))) {
                return n.id();
            }
        }
        return null;
    }

    /** The shard's primary URL: its leader's URL. */
    public static String primaryUrl(Shard s) {
        Replica leader = s.leader();
        return leader == null ? null : leader.url();
    }

    /**
     * Refuses a change of a rendezvous ring while a ring migration is under way on it (409): the
     * migration relies on the ring staying as it was when it started.
     */
    public static void requireNoMigration(ClusterImage image, String workspace, String resourceId) {
        image.ringMigrations().activeOn(workspace, resourceId).ifPresent(m -> {
            throw new CorralException(ErrorCode.MOVE_IN_PROGRESS, "ring migration " + m.id() + " (" + m.kind().wire()
                    + ", shard " + m.shardId() + ") is under way on '" + resourceId + "' (" + m.phase().wire()
                    + "); wait for it to finish", Map.of("migration_id", m.id()));
        });
    }

    /** The rendezvous resource {@code id} of {@code workspace}, or an error if it is a partitioned one. */
    public static Resource requireRendezvous(ClusterImage image, String workspace, String id) {
        Resource r = image.resource(workspace, id).orElseThrow(() -> CorralException.resourceNotFound(workspace, id));
        if (r.routing() != RoutingStyle.RENDEZVOUS) {
            throw CorralException.invalid("resource", "resource '" + id + "' is partitioned, not rendezvous-routed");
        }
        return r;
    }
}
