package io.corral.server.testing;

import io.corral.server.domain.Replica;
import io.corral.server.domain.Shard;
import java.util.ArrayList;
import java.util.List;

/** Shards for tests. */
public final class TestShards {
    private TestShards() {
    }

    /** An active shard whose active replicas are on {@code nodeIds}, the first one leading. */
    public static Shard shard(long id, String... nodeIds) {
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < nodeIds.length; i++) {
            replicas.add(new Replica(nodeIds[i], null, i == 0 ? Replica.Role.LEADER : Replica.Role.FOLLOWER,
                    Replica.State.ACTIVE));
        }
        return new Shard(id, Shard.State.ACTIVE, replicas);
    }
}
