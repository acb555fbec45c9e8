package io.corral.server.adapters.influx;

import io.corral.server.commands.UpdateResource;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Resource;
import io.corral.server.domain.Workspace;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.service.ShardMapService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Seed 000's {@code PUT /api/v3/cluster/tables/sharding}: sets the shard keys and number of hash
 * partitions of the table resource {@code <db_name>.<table_name>} in the {@code default} workspace.
 * Omitted or null fields are left unchanged; an empty {@code shard_keys} clears them;
 * {@code num_hash_partitions} must be at least 1. A partition change re-places the table's shards.
 */
public final class InfluxShardingEndpoint {
    private final ShardMapService maps;

    public InfluxShardingEndpoint(ShardMapService maps) {
        this.maps = maps;
    }

    public void addRoutes(Router router) {
        router.put("/api/v3/cluster/tables/sharding").handler(this::update);
    }

    /** The resource id of an InfluxDB table. */
    public static String resourceId(String db, String table) {
        return db + "." + table;
    }

    private void update(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        String db = b.requiredString("db_name");
        String table = b.requiredString("table_name");
        List<String> keys = b.stringList("shard_keys");
        Long partitions = b.integer("num_hash_partitions", Long.MIN_VALUE, Long.MAX_VALUE);
        if (partitions != null && (partitions < 1 || partitions > Resource.MAX_PARTITIONS)) {
            throw CorralException.invalid("num_hash_partitions", "num_hash_partitions must be between 1 and "
                    + Resource.MAX_PARTITIONS + ", got " + partitions);
        }
        UpdateResource change = new UpdateResource(Workspace.DEFAULT, resourceId(db, table), keys,
                partitions == null ? null : partitions.intValue(), null, null, null, null, null, null, null);
        Http.async(ctx, maps.update(Http.principal(ctx), change), 200,
                r -> Json.object().put("status", "table sharding configuration updated"));
    }
}
