package io.corral.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The file {@code <dataDir>/admin.token}: the bootstrap admin token, readable by its owner only (mode 0600). */
public final class AdminTokenFile {
    public static final String NAME = "admin.token";
    private final Path path;

    public AdminTokenFile(Path dataDir) {
        this.path = dataDir.resolve(NAME);
    }

    public Path path() {
        return path;
    }

    /** The token in the file, or null when there is no file. */
    public String read() throws IOException {
        if (!Files.exists(path)) {
            return null;
        }
        return Files.readString(path, StandardCharsets.UTF_8).trim();
    }

    /** Writes the token atomically with mode 0600 from the start (never world-readable, not even briefly). */
    public void write(String token) throws IOException {
        Path tmp = path.resolveSibling(NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
