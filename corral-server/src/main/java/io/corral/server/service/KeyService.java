package io.corral.server.service;

import io.corral.server.commands.CreateApiKey;
import io.corral.server.commands.RevokeApiKey;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ApiKey;
import io.corral.server.domain.Role;
import io.corral.server.security.Principal;
import io.corral.server.security.Tokens;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** API keys. Managing them needs an admin key scoped to all workspaces. */
public final class KeyService {
    private final Controller controller;

    /** A new key and its secret token, which is shown only in this reply. */
    public record KeyCreation(ApiKey key, String token) {
    }

    public KeyService(Controller controller) {
        this.controller = controller;
    }

    public CompletableFuture<KeyCreation> create(Principal p, String name, Role role, Set<String> workspaces) {
        p.require(Role.ADMIN, null);
        String id = Tokens.newKeyId();
        String token = Tokens.newKeyToken(id);
        return controller.submit(p.actor(), new CreateApiKey(id, name, role, workspaces, Tokens.hash(token)))
                .thenApply(key -> new KeyCreation(key, token));
    }

    public List<ApiKey> list(Principal p) {
        p.require(Role.ADMIN, null);
        return controller.image().apiKeys().values().stream()
                .sorted(Comparator.comparingLong(ApiKey::createdAtMs).thenComparing(ApiKey::id))
                .toList();
    }

    public CompletableFuture<ApiKey> revoke(Principal p, String keyId) {
        p.require(Role.ADMIN, null);
        return controller.submit(p.actor(), new RevokeApiKey(keyId));
    }
}
