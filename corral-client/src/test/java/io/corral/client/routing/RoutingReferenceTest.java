package io.corral.client.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The production routing functions agree with {@link ReferenceRouting} on many pseudo-random inputs. */
class RoutingReferenceTest {
    private final SplittableRandom random = new SplittableRandom(20261122L);

    private String randomKey() {
        int length = random.nextInt(0, 24);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            // ASCII, Latin-1, CJK and a supplementary code point, so UTF-8 sequences of 1 to 4 bytes occur.
            int cp = kind == 0 ? random.nextInt(0x20, 0x7f) : kind == 1 ? random.nextInt(0xa0, 0x100)
                    : kind == 2 ? random.nextInt(0x4e00, 0x9fff) : 0x1F600 + random.nextInt(64);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    @Test
    void fnv1a64MatchesReference() {
        for (int i = 0; i < 2000; i++) {
            String key = randomKey();
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            assertThat(ReferenceRouting.unsigned(Fnv1a64.hash(key))).as(key).isEqualTo(ReferenceRouting.fnv1a64(bytes));
        }
    }

    @Test
    void splitMix64MatchesReference() {
        for (int i = 0; i < 2000; i++) {
            long z = random.nextLong();
            assertThat(ReferenceRouting.unsigned(SplitMix64.mix(z)))
                    .isEqualTo(ReferenceRouting.splitmix64(ReferenceRouting.unsigned(z)));
        }
    }

    @Test
    void rendezvousMatchesReference() {
        for (int i = 0; i < 300; i++) {
            String key = randomKey();
            int n = random.nextInt(1, 12);
            long[] ids = new long[n];
            BigInteger[] bigIds = new BigInteger[n];
            for (int k = 0; k < n; k++) {
                ids[k] = random.nextBoolean() ? random.nextLong(0, 100) : random.nextLong();
                bigIds[k] = ReferenceRouting.unsigned(ids[k]);
                assertThat(ReferenceRouting.unsigned(Rendezvous.score(key, ids[k])))
                        .isEqualTo(ReferenceRouting.score(key, bigIds[k]));
            }
            assertThat(ReferenceRouting.unsigned(Rendezvous.route(key, ids)))
                    .isEqualTo(ReferenceRouting.route(key, bigIds));
        }
    }

    @Test
    void jumpMatchesReference() {
        for (int i = 0; i < 2000; i++) {
            long key = random.nextLong();
            int buckets = random.nextBoolean() ? random.nextInt(1, 100) : random.nextInt(1, Integer.MAX_VALUE);
            assertThat(JumpHash.bucket(key, buckets)).isEqualTo(ReferenceRouting.jump(ReferenceRouting.unsigned(key), buckets));
        }
    }

    @Test
    void keyRouterMatchesReference() {
        for (int i = 0; i < 500; i++) {
            List<String> values = new ArrayList<>();
            int n = random.nextInt(1, 4);
            for (int k = 0; k < n; k++) {
                values.add(randomKey());
            }
            int partitions = random.nextInt(1, 5000);
            byte[] joined = String.join("\u001F", values).getBytes(StandardCharsets.UTF_8);
            BigInteger hash = ReferenceRouting.fnv1a64(joined);
            assertThat(new KeyRouter(partitions).partition(values)).isEqualTo(ReferenceRouting.jump(hash, partitions));
        }
    }

    @Test
    void jumpMovesOnlyIntoTheNewBucket() {
        int moved = 0;
        int keys = 20000;
        for (int i = 0; i < keys; i++) {
            long key = random.nextLong();
            int before = JumpHash.bucket(key, 10);
            int after = JumpHash.bucket(key, 11);
            if (before != after) {
                assertThat(after).isEqualTo(10);
                moved++;
            }
        }
        // About 1/11 of the keys move; allow a wide statistical margin.
        assertThat(moved).isBetween(keys / 11 - 400, keys / 11 + 400);
    }

    @Test
    void rendezvousMovesOnlyToAnAddedShard() {
        long[] four = {10, 20, 30, 40};
        long[] five = {10, 20, 30, 40, 50};
        int moved = 0;
        for (int i = 0; i < 5000; i++) {
            String key = "k" + i;
            long before = Rendezvous.route(key, four);
            long after = Rendezvous.route(key, five);
            if (before != after) {
                assertThat(after).isEqualTo(50);
                moved++;
            }
        }
        assertThat(moved).isBetween(1000 - 150, 1000 + 150);
    }
}
