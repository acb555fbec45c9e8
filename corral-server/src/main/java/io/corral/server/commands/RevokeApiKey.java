package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ApiKey;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Role;
import io.corral.server.records.ApiKeyRevoked;
import java.util.Map;

/**
 * Revokes an API key. The last admin key scoped to all workspaces cannot be revoked, so the cluster
 * never locks its operators out.
 */
public record RevokeApiKey(String keyId) implements Command<ApiKey> {

    @Override
    public Outcome<ApiKey> execute(ClusterImage image, CommandContext ctx) {
        ApiKey key = image.apiKey(keyId).orElseThrow(() -> new CorralException(ErrorCode.API_KEY_NOT_FOUND,
                "API key '" + keyId + "' not found", Map.of("key_id", keyId)));
        if (isGlobalAdmin(key) && image.apiKeys().values().stream().filter(RevokeApiKey::isGlobalAdmin).count() == 1) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION,
                    "'" + keyId + "' is the last admin key for all workspaces; create another before revoking it",
                    Map.of("key_id", keyId));
        }
        return Outcome.of(key, new ApiKeyRevoked(keyId, ctx.nowMs(), ctx.actor()));
    }

    private static boolean isGlobalAdmin(ApiKey k) {
        return k.role() == Role.ADMIN && k.allows("*") && k.workspaces().contains(ApiKey.ALL_WORKSPACES);
    }
}
