package io.duvoexport.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks one of a fixed set of values (null allowed) with given relative weights. Immutable,
 * thread-safe.
 */
final class WeightedChoice<T> {
    private final List<T> values;
    private final double[] cumulative;

    private WeightedChoice(List<T> values, double[] weights) {
        this.values = new ArrayList<>(values);
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /** A choice from alternating value, weight pairs: {@code of("a", 3.0, "b", 1.0)}. */
    @SuppressWarnings("unchecked")
    static <T> WeightedChoice<T> of(Object... valueWeightPairs) {
        List<T> values = new ArrayList<>();
        double[] weights = new double[valueWeightPairs.length / 2];
        for (int i = 0; i < weights.length; i++) {
            values.add((T) valueWeightPairs[2 * i]);
            weights[i] = ((Number) valueWeightPairs[2 * i + 1]).doubleValue();
        }
        return new WeightedChoice<>(values, weights);
    }

    /** A choice among {@code values}, weighted by the matching entry of {@code weights}. */
    static <T> WeightedChoice<T> of(List<T> values, double[] weights) {
        return new WeightedChoice<>(values, weights.clone());
    }

    T pick(SplittableRandom rng) {
        double point = rng.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, point);
        int slot = index >= 0 ? index + 1 : -index - 1;
        return values.get(Math.min(slot, values.size() - 1));
    }
}
