package io.corral.agent.moves;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/** Connects targets to donors in memory: the donor URL names a participant. */
final class MemoryTransport implements MoveTransport {
    private final Map<String, MoveParticipant> byUrl;

    MemoryTransport(Map<String, MoveParticipant> byUrl) {
        this.byUrl = byUrl;
    }

    @Override
    public Transfer open(String donorUrl, TransferRequest r) throws IOException {
        MoveParticipant donor = byUrl.get(donorUrl);
        if (donor == null) {
            throw new IOException("no donor at " + donorUrl);
        }
        ShardExport e = r.kind() == TransferRequest.Kind.SNAPSHOT ? donor.exportSnapshot(r.shard(), r.fenceVersion())
                : donor.exportChanges(r.shard(), r.sincePosition(), r.fenceVersion());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.body().writeTo(out);
        return new Transfer(e.position(), e.itemsTotal(), e.bytesTotal(), new ByteArrayInputStream(out.toByteArray()));
    }
}
