package io.corral.server.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.server.domain.ApiKey;
import io.corral.server.domain.AutoscaleImage;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterMaintenance;
import io.corral.server.domain.EventIndex;
import io.corral.server.domain.MapChange;
import io.corral.server.domain.Move;
import io.corral.server.domain.MoveBook;
import io.corral.server.domain.Operation;
import io.corral.server.domain.Resource;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationBook;
import io.corral.server.domain.Shard;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.Node;
import io.corral.server.domain.ResourceThresholds;
import io.corral.server.domain.TelemetryImage;
import io.corral.server.domain.Webhook;
import io.corral.server.domain.WebhookDelivery;
import io.corral.server.domain.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * Writes an image to a snapshot stream and reads it back to an equal image. The streams belong to
 * the caller: they are never closed here, so the caller can flush and fsync before closing.
 */
public final class ImageSnapshotCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
            .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false);

    /**
     * The snapshot file's shape: plain lists, so the format does not depend on the map library. Fields
     * added later read as null from older snapshots and mean "empty".
     */
    record Snapshot(int format, long appliedIndex, long nextNodeSeq, long nextEventSeq, List<Workspace> workspaces,
                    List<Node> nodes, List<ApiKey> apiKeys, List<Event> events, List<Resource> resources,
                    List<MapEntry> maps, long mapVersion, Map<String, Long> workspaceMapVersions,
                    List<MapChange> mapChanges, ClusterMaintenance maintenance, long nextMoveSeq, List<Move> moves,
                    TelemetrySnapshot telemetry, List<Operation> operations, AutoscaleSnapshot autoscale,
                    long nextRingMigrationId, List<RingMigration> ringMigrations) {
    }

    /** The autoscale part of a snapshot; absent in snapshots written before autoscale existed. */
    record AutoscaleSnapshot(Map<String, AutoscaleSettings> settings, Map<String, Long> lastActionAtMs) {
        static AutoscaleSnapshot of(AutoscaleImage a) {
            return new AutoscaleSnapshot(new TreeMap<>(a.settings()), new TreeMap<>(a.lastActionAtMs()));
        }

        AutoscaleImage toImage() {
            return new AutoscaleImage(HashTreePMap.from(settings == null ? Map.of() : settings),
                    HashTreePMap.from(lastActionAtMs == null ? Map.of() : lastActionAtMs));
        }
    }

    /** One resource's map in a snapshot. */
    record MapEntry(String key, long version, long nextShardId, List<Shard> shards) {
    }

    /** The telemetry part of a snapshot; absent in snapshots written before telemetry existed. */
    record TelemetrySnapshot(Map<String, Long> eventSeqByKey, Map<String, ResourceThresholds> thresholds,
                             Map<String, Long> breaches, List<Webhook> webhooks, long nextDeliveryId,
                             List<WebhookDelivery> pendingDeliveries, List<WebhookDelivery> deliveryLog) {

        static TelemetrySnapshot of(TelemetryImage t) {
            return new TelemetrySnapshot(t.eventSeqByKey().toSortedMap(), new TreeMap<>(t.thresholds()),
                    new TreeMap<>(t.breaches()), new ArrayList<>(t.webhooks().values()), t.nextDeliveryId(),
                    new ArrayList<>(t.pendingDeliveries().values()), new ArrayList<>(t.deliveryLog().values()));
        }

        TelemetryImage toImage() {
            PSortedMap<Long, WebhookDelivery> pending = TreePMap.empty();
            for (WebhookDelivery d : pendingDeliveries) {
                pending = pending.plus(d.id(), d);
            }
            PSortedMap<Long, WebhookDelivery> log = TreePMap.empty();
            for (WebhookDelivery d : deliveryLog) {
                log = log.plus(d.id(), d);
            }
            PMap<String, Webhook> hooks = HashTreePMap.empty();
            for (Webhook w : webhooks) {
                hooks = hooks.plus(w.id(), w);
            }
            return new TelemetryImage(EventIndex.of(eventSeqByKey), HashTreePMap.from(thresholds),
                    HashTreePMap.from(breaches), hooks, nextDeliveryId, pending, log);
        }
    }

    private ImageSnapshotCodec() {
    }

    public static void write(ClusterImage img, OutputStream out) throws IOException {
        List<MapEntry> maps = new ArrayList<>();
        img.maps().forEach((key, m) -> maps.add(new MapEntry(key, m.version(), m.nextShardId(),
                new ArrayList<>(m.shards().values()))));
        Snapshot s = new Snapshot(2, img.appliedIndex(), img.nextNodeSeq(), img.nextEventSeq(),
                new ArrayList<>(img.workspaces().values()), img.nodesIn(null), new ArrayList<>(img.apiKeys().values()),
                new ArrayList<>(img.events().values()), new ArrayList<>(img.resources().values()), maps,
                img.mapVersion(), img.workspaceMapVersions(), new ArrayList<>(img.mapChanges().values()),
                img.maintenance(), img.moves().nextSeq(), moves(img.moves()), TelemetrySnapshot.of(img.telemetry()),
                new ArrayList<>(img.moves().operations().values()), AutoscaleSnapshot.of(img.autoscale()),
                img.ringMigrations().nextId(), new ArrayList<>(img.ringMigrations().migrations().values()));
        MAPPER.writeValue(out, s);
    }

    public static ClusterImage read(InputStream in) throws IOException {
        Snapshot s = MAPPER.readValue(in, Snapshot.class);
        PMap<String, Workspace> workspaces = HashTreePMap.empty();
        for (Workspace w : s.workspaces()) {
            workspaces = workspaces.plus(w.id(), w);
        }
        PMap<String, Node> nodes = HashTreePMap.empty();
        PMap<Long, String> bySeq = HashTreePMap.empty();
        for (Node n : s.nodes()) {
            nodes = nodes.plus(n.id(), n);
            bySeq = bySeq.plus(n.seq(), n.id());
        }
        PMap<String, ApiKey> keys = HashTreePMap.empty();
        for (ApiKey k : s.apiKeys()) {
            keys = keys.plus(k.id(), k);
        }
        PSortedMap<Long, Event> events = TreePMap.empty();
        for (Event e : s.events()) {
            events = events.plus(e.seq(), e);
        }
        PMap<String, Resource> resources = HashTreePMap.empty();
        for (Resource r : orEmpty(s.resources())) {
            resources = resources.plus(r.key(), r);
        }
        PMap<String, ResourceMap> maps = HashTreePMap.empty();
        for (MapEntry m : orEmpty(s.maps())) {
            PSortedMap<Long, Shard> shards = TreePMap.empty();
            for (Shard sh : m.shards()) {
                shards = shards.plus(sh.id(), sh);
            }
            maps = maps.plus(m.key(), new ResourceMap(m.version(), m.nextShardId(), shards));
        }
        PSortedMap<Long, MapChange> changes = TreePMap.empty();
        for (MapChange c : orEmpty(s.mapChanges())) {
            changes = changes.plus(c.version(), c);
        }
        PMap<String, Long> wsVersions = s.workspaceMapVersions() == null ? HashTreePMap.empty()
                : HashTreePMap.from(s.workspaceMapVersions());
        MoveBook moves = new MoveBook(Math.max(1, s.nextMoveSeq()), TreePMap.empty(), TreePMap.empty(),
                TreePMap.empty());
        for (Move m : orEmpty(s.moves())) {
            moves = moves.with(m);
        }
        for (Operation op : orEmpty(s.operations())) {
            moves = moves.with(op);
        }
        RingMigrationBook rings = new RingMigrationBook(Math.max(1, s.nextRingMigrationId()), TreePMap.empty());
        for (RingMigration m : orEmpty(s.ringMigrations())) {
            rings = rings.with(m);
        }
        return new ClusterImage(s.appliedIndex(), s.nextNodeSeq(), s.nextEventSeq(), workspaces, nodes, bySeq, keys,
                events, resources, maps, s.mapVersion(), wsVersions, changes, s.maintenance(), moves,
                s.telemetry() == null ? TelemetryImage.empty() : s.telemetry().toImage(),
                s.autoscale() == null ? AutoscaleImage.empty() : s.autoscale().toImage(), rings);
    }

    private static List<Move> moves(MoveBook book) {
        List<Move> out = new ArrayList<>(book.finished().values());
        out.addAll(book.active().values());
        return out;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
