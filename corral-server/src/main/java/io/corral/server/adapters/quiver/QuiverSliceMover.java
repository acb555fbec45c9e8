package io.corral.server.adapters.quiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.RingMember;
import io.corral.server.domain.RingMigration;
import io.corral.server.shardmap.SliceMover;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Seed 003's online migration over Quiver shards' data API. The collections are those of the first
 * donor (grow) or of the leaving shard (drain); a multivector collection aborts the migration, as in
 * Quiver, rather than leave its slice behind. The copy pages through each source
 * ({@code POST .../fetch}, {@link #pageSize} points a page, vectors and payloads included) and, for each
 * point whose new owner is another shard, asks that owner for the point and writes it only when absent,
 * one point a request. The drop pages through each donor without vectors, collects the ids the new shard
 * now owns and deletes them in chunks of {@link #pageSize}. Points are keyed by their string id, as in
 * Quiver; a point without one is left where it is.
 */
public final class QuiverSliceMover implements SliceMover {
    /** Quiver's {@code COPY_PAGE}. */
    public static final int DEFAULT_PAGE_SIZE = 1_000;
    private static final String[] OPTIONAL_SCHEMA_FIELDS = {"pq_subspaces", "filterable", "vector_encryption"};
    private final QuiverShardClient shards;
    private final int pageSize;

    public QuiverSliceMover(QuiverShardClient shards, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        this.shards = shards;
        this.pageSize = pageSize;
    }

    @Override
    public void copy(RingMigration m) throws IOException, InterruptedException {
        boolean grow = m.kind() == RingMigration.Kind.GROW;
        List<JsonNode> collections = migratable(grow ? firstDonor(m) : m.shardUrl());
        List<String> sources = grow ? donorUrls(m) : List.of(m.shardUrl());
        List<String> targets = grow ? List.of(m.shardUrl()) : donorUrls(m);
        Function<String, String> newOwnerUrl = grow
                ? id -> m.ownerOf(id) == m.shardId() ? m.shardUrl() : null
                : id -> m.urlOf(m.ownerOf(id));
        for (JsonNode c : collections) {
            String name = c.path("name").asText();
            for (String target : targets) {
                ensureCollection(target, c);
            }
            for (String source : sources) {
                copyOut(source, name, newOwnerUrl);
            }
        }
    }

    @Override
    public void drop(RingMigration m) throws IOException, InterruptedException {
        if (m.kind() != RingMigration.Kind.GROW) {
            return;
        }
        for (JsonNode c : shards.collections(firstDonor(m))) {
            String name = c.path("name").asText();
            if (c.path("multivector").asBoolean(false) || !shards.hasCollection(m.shardUrl(), name)) {
                continue; // never delete a slice that was not copied
            }
            for (String donor : donorUrls(m)) {
                List<String> ids = new ArrayList<>();
                for (long offset = 0; ; ) {
                    List<JsonNode> page = shards.fetch(donor, name, offset, pageSize, false);
                    for (JsonNode p : page) {
                        JsonNode id = p.path("id");
                        if (id.isTextual() && m.ownerOf(id.asText()) == m.shardId()) {
                            ids.add(id.asText());
                        }
                    }
                    offset += page.size();
                    if (page.size() < pageSize) {
                        break;
                    }
                }
                for (int from = 0; from < ids.size(); from += pageSize) {
                    shards.delete(donor, name, ids.subList(from, Math.min(ids.size(), from + pageSize)));
                }
            }
        }
    }

    /** The collections of a shard, refusing the migration when one of them is multivector. */
    private List<JsonNode> migratable(String shardUrl) throws IOException, InterruptedException {
        List<JsonNode> collections = shards.collections(shardUrl);
        for (JsonNode c : collections) {
            if (c.path("multivector").asBoolean(false)) {
                throw new IOException("auto-migration does not support multivector collections (collection '"
                        + c.path("name").asText() + "' on " + shardUrl + ")");
            }
        }
        return collections;
    }

    /** Creates the collection on a shard that does not have it yet, with the source's schema. */
    private void ensureCollection(String shardUrl, JsonNode description) throws IOException, InterruptedException {
        String name = description.path("name").asText();
        if (shards.hasCollection(shardUrl, name)) {
            return;
        }
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        for (String field : new String[] {"name", "dim", "metric", "index"}) {
            schema.set(field, description.get(field));
        }
        for (String field : OPTIONAL_SCHEMA_FIELDS) {
            if (description.has(field)) {
                schema.set(field, description.get(field));
            }
        }
        shards.createCollection(shardUrl, schema);
    }

    /** Pages through one source and writes each point whose new owner is another shard there, if absent. */
    private void copyOut(String source, String collection, Function<String, String> newOwnerUrl)
            throws IOException, InterruptedException {
        for (long offset = 0; ; ) {
            List<JsonNode> page = shards.fetch(source, collection, offset, pageSize, true);
            for (JsonNode p : page) {
                JsonNode id = p.path("id");
                String target = id.isTextual() ? newOwnerUrl.apply(id.asText()) : null;
                if (target == null || target.equals(source) || shards.hasPoint(target, collection, id.asText())) {
                    continue;
                }
                ObjectNode point = JsonNodeFactory.instance.objectNode();
                point.set("id", id);
                point.set("vector", p.get("vector"));
                point.set("payload", p.get("payload"));
                shards.upsert(target, collection, List.of(point));
            }
            offset += page.size();
            if (page.size() < pageSize) {
                return;
            }
        }
    }

    private static String firstDonor(RingMigration m) throws IOException {
        if (m.ring().isEmpty()) {
            throw new IOException("no donor for migration " + m.id());
        }
        return m.ring().get(0).url();
    }

    private static List<String> donorUrls(RingMigration m) {
        return m.ring().stream().map(RingMember::url).toList();
    }
}
