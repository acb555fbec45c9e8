package io.corral.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What an agent keeps in its data directory ({@code agent.json}, mode 0600) so a restart is the same
 * node: its node id, its node token (null until registered) and whether it was serving. Immutable;
 * {@link #save} writes atomically.
 */
public record AgentIdentity(String nodeId, String nodeToken, boolean serving, String servingReason) {
    static final String FILE = "agent.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The identity in {@code dataDir}, or null when there is none yet. */
    public static AgentIdentity load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        var tree = MAPPER.readTree(f.toFile());
        return new AgentIdentity(tree.path("node_id").asText(), tree.hasNonNull("node_token")
                ? tree.get("node_token").asText() : null, tree.path("serving").asBoolean(true),
                tree.hasNonNull("serving_reason") ? tree.get("serving_reason").asText() : null);
    }

    public void save(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        ObjectNode o = MAPPER.createObjectNode();
        o.put("node_id", nodeId);
        o.put("node_token", nodeToken);
        o.put("serving", serving);
        o.put("serving_reason", servingReason);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.createFile(tmp);
        }
        Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
        Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public AgentIdentity withToken(String token) {
        return new AgentIdentity(nodeId, token, serving, servingReason);
    }

    public AgentIdentity withServing(boolean on, String reason) {
        return new AgentIdentity(nodeId, nodeToken, on, reason);
    }
}
