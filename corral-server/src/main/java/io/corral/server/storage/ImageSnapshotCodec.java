package io.corral.server.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.server.domain.ApiKey;
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

/** Writes an image to a snapshot stream and reads it back to an equal image. */
public final class ImageSnapshotCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The snapshot file's shape: plain lists, so the format does not depend on the map library. */
    record Snapshot(int format, long appliedIndex, long nextNodeSeq, long nextEventSeq, List<Workspace> workspaces,
                    List<Node> nodes, List<ApiKey> apiKeys, List<Event> events, TelemetrySnapshot telemetry) {
    }

    /** The telemetry part of a snapshot; absent in snapshots written before telemetry existed. */
    record TelemetrySnapshot(Map<String, Long> eventSeqByKey, Map<String, ResourceThresholds> thresholds,
                             Map<String, Long> breaches, List<Webhook> webhooks, long nextDeliveryId,
                             List<WebhookDelivery> pendingDeliveries, List<WebhookDelivery> deliveryLog) {

        static TelemetrySnapshot of(TelemetryImage t) {
            return new TelemetrySnapshot(new TreeMap<>(t.eventSeqByKey()), new TreeMap<>(t.thresholds()),
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
            return new TelemetryImage(HashTreePMap.from(eventSeqByKey), HashTreePMap.from(thresholds),
                    HashTreePMap.from(breaches), hooks, nextDeliveryId, pending, log);
        }
    }

    private ImageSnapshotCodec() {
    }

    public static void write(ClusterImage img, OutputStream out) throws IOException {
        Snapshot s = new Snapshot(1, img.appliedIndex(), img.nextNodeSeq(), img.nextEventSeq(),
                new ArrayList<>(img.workspaces().values()), img.nodesIn(null), new ArrayList<>(img.apiKeys().values()),
                new ArrayList<>(img.events().values()), TelemetrySnapshot.of(img.telemetry()));
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
        return new ClusterImage(s.appliedIndex(), s.nextNodeSeq(), s.nextEventSeq(), workspaces, nodes, bySeq, keys,
                events, s.telemetry() == null ? TelemetryImage.empty() : s.telemetry().toImage());
    }
}
