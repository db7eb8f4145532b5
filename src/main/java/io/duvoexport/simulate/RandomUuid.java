package io.duvoexport.simulate;

import java.util.SplittableRandom;
import java.util.UUID;

/** Version 4 uuids drawn from a seeded generator, so that the same seed gives the same ids. */
final class RandomUuid {

    private RandomUuid() {}

    /** A lowercase version 4 uuid string. */
    static String next(SplittableRandom rng) {
        long high = (rng.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
        long low = (rng.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
