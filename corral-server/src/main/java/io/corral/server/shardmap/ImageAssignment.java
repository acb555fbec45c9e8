package io.corral.server.shardmap;

import io.corral.server.domain.Replica;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.Shard;
import io.corral.server.policies.placement.ShardRef;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The current assignment of some resources' shard maps as placement reads it (node ids per shard, leader
 * first, replicas without a node left out): a read-only view over the image's immutable maps, so that
 * building a placement input copies nothing per shard. Iterates resource by resource, shards in id order.
 */
final class ImageAssignment extends AbstractMap<ShardRef, List<String>> {
    private final Map<String, ResourceMap> maps;
    private final int size;

    /** @param maps the resources' maps by resource id, in the order to iterate them */
    ImageAssignment(LinkedHashMap<String, ResourceMap> maps) {
        this.maps = maps;
        int n = 0;
        for (ResourceMap m : maps.values()) {
            n += m.shards().size();
        }
        this.size = n;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<String> get(Object key) {
        if (!(key instanceof ShardRef)) {
            return null;
        }
        ShardRef ref = (ShardRef) key;
        ResourceMap m = maps.get(ref.resourceId());
        Shard s = m == null ? null : m.shards().get((long) ref.partition());
        return s == null ? null : nodeIds(s);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    static List<String> nodeIds(Shard s) {
        List<Replica> replicas = s.replicas();
        for (Replica r : replicas) {
            if (r.nodeId() == null) {
                List<String> ids = new ArrayList<>();
                replicas.forEach(x -> {
                    if (x.nodeId() != null) {
                        ids.add(x.nodeId());
                    }
                });
                return ids;
            }
        }
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return replicas.get(index).nodeId();
            }

            @Override
            public int size() {
                return replicas.size();
            }
        };
    }

    @Override
    public Set<Entry<ShardRef, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<ShardRef, List<String>>> iterator() {
                Iterator<Map.Entry<String, ResourceMap>> resources = maps.entrySet().iterator();
                return new Iterator<>() {
                    private String resourceId;
                    private Iterator<Shard> shards = java.util.Collections.emptyIterator();

                    @Override
                    public boolean hasNext() {
                        while (!shards.hasNext() && resources.hasNext()) {
                            Map.Entry<String, ResourceMap> e = resources.next();
                            resourceId = e.getKey();
                            shards = e.getValue().shards().values().iterator();
                        }
                        return shards.hasNext();
                    }

                    @Override
                    public Entry<ShardRef, List<String>> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Shard s = shards.next();
                        return new SimpleImmutableEntry<>(new ShardRef(resourceId, (int) s.id()), nodeIds(s));
                    }
                };
            }
        };
    }
}
