package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ApiKey;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Role;
import io.corral.server.records.ApiKeyCreated;
import java.util.LinkedHashSet;
import java.util.Set;

/** Creates an API key with the given role and workspace scope; every named workspace must exist. */
public record CreateApiKey(String keyId, String name, Role role, Set<String> workspaces, String tokenHash)
        implements Command<ApiKey> {

    public CreateApiKey {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw CorralException.invalid("name", "name is required, 1-100 characters");
        }
        if (role == null) {
            throw CorralException.invalid("role", "role is required: viewer, operator or admin");
        }
        if (workspaces == null || workspaces.isEmpty()) {
            workspaces = Set.of(ApiKey.ALL_WORKSPACES);
        }
        workspaces = Set.copyOf(new LinkedHashSet<>(workspaces));
    }

    @Override
    public Outcome<ApiKey> execute(ClusterImage image, CommandContext ctx) {
        for (String ws : workspaces) {
            if (!ApiKey.ALL_WORKSPACES.equals(ws) && image.workspace(ws).isEmpty()) {
                throw CorralException.workspaceNotFound(ws);
            }
        }
        if (image.apiKeys().containsKey(keyId)) {
            throw CorralException.invalid("id", "key id '" + keyId + "' is taken; try again");
        }
        ApiKey key = new ApiKey(keyId, name, role, workspaces, tokenHash, ctx.nowMs(), ctx.actor());
        return Outcome.of(key, new ApiKeyCreated(key, ctx.nowMs(), ctx.actor()));
    }
}
