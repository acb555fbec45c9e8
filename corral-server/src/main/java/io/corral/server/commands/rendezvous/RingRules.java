package io.corral.server.commands.rendezvous;

import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.RingMember;
import io.corral.server.domain.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rules shared by the commands that start ring migrations: the ring must be settled, and who is in it. */
final class RingRules {
    private RingRules() {
    }

    /** Refuses (409) when a shard of the ring is still joining or leaving: only a settled ring may change. */
    static void requireSettled(ResourceMap map, String resourceId) {
        for (Shard s : map.shards().values()) {
            if (s.state() != Shard.State.ACTIVE) {
                throw new CorralException(ErrorCode.MOVE_IN_PROGRESS, "shard " + s.id() + " of '" + resourceId
                        + "' is " + s.state().name().toLowerCase(Locale.ROOT)
                        + "; promote or remove it before the ring changes again", Map.of("shard_id", s.id()));
            }
        }
    }

    /** The active shards of the ring other than {@code exceptId}, by id, with their primary URLs. */
    static List<RingMember> activeMembers(ResourceMap map, long exceptId) {
        List<RingMember> out = new ArrayList<>();
        for (Shard s : map.shards().values()) {
            if (s.state() == Shard.State.ACTIVE && s.id() != exceptId) {
                out.add(new RingMember(s.id(), RendezvousShards.primaryUrl(s)));
            }
        }
        return out;
    }
}
