package io.mabeam.optimization.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random forest of regression trees, as parameter importance (fANOVA) needs it: each tree grown on a
 * bootstrap sample, splits chosen by the largest reduction of squared error (scikit-learn's regression
 * criterion), among a random subset of the features.
 *
 * <p>Features are of two kinds, told by {@code choiceCounts}: a numeric feature (count 0) takes values in
 * [0, 1] and splits at thresholds midway between two consecutive distinct values ({@code x <= t} goes
 * left); a categorical feature with k choices (count k) takes the choice's index 0…k-1 and splits the
 * choices into two sets. The best set split is found exactly the classic way (Breiman et al. 1984): order
 * the choices seen in the node by their mean target and try each prefix. Unlike an index treated as a
 * number, this never pretends choices are ordered; unlike a one-hot encoding (what Optuna does) the tree
 * can group several choices in one split and every point of the tree's space is a real choice. Choices not
 * seen in a node follow the larger side.
 *
 * <p>A forest is fitted once and never changes; the same data, settings and seed grow the same forest.
 */
public final class RandomForestRegressor {

    /**
     * How the forest grows.
     *
     * @param trees how many trees
     * @param maxDepth the deepest a leaf can be (the root is at depth 0)
     * @param minSamplesSplit the fewest samples a node needs to be split
     * @param minSamplesLeaf the fewest samples each side of a split keeps
     * @param maxFeatures the share of the features (0, 1] each split considers, at least one
     */
    public record Settings(int trees, int maxDepth, int minSamplesSplit, int minSamplesLeaf, double maxFeatures) {

        public Settings {
            if (trees < 1 || maxDepth < 0 || minSamplesSplit < 2 || minSamplesLeaf < 1) {
                throw new IllegalArgumentException("a forest has at least one tree, a depth of at least 0, splits"
                        + " nodes of at least 2 samples and keeps at least 1 sample a leaf");
            }
            if (!(maxFeatures > 0 && maxFeatures <= 1)) {
                throw new IllegalArgumentException("maxFeatures is a share in (0, 1], not " + maxFeatures);
            }
        }

        /**
         * Optuna's FanovaImportanceEvaluator forest: 64 trees of depth at most 64, fully grown (split down
         * to one sample a leaf), every feature considered at every split (scikit-learn's regression default).
         */
        public static Settings fanova() {
            return new Settings(64, 64, 2, 1, 1.0);
        }
    }

    private final List<Tree> trees;

    private RandomForestRegressor(List<Tree> trees) {
        this.trees = List.copyOf(trees);
    }

    /**
     * Grows a forest.
     *
     * @param x one row of features per sample: numeric ones in [0, 1], categorical ones a choice's index
     * @param y the target of each sample
     * @param choiceCounts per feature, 0 for numeric or the number of choices of a categorical
     * @param seed the same seed grows the same forest
     */
    public static RandomForestRegressor fit(
            double[][] x, double[] y, int[] choiceCounts, Settings settings, long seed) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException(
                    "a forest needs samples, as many targets as rows: " + x.length + " rows, " + y.length + " targets");
        }
        for (double[] row : x) {
            if (row.length != choiceCounts.length) {
                throw new IllegalArgumentException(
                        "every row has " + choiceCounts.length + " features, one has " + row.length);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Tree> grown = new ArrayList<>(settings.trees());
        for (int t = 0; t < settings.trees(); t++) {
            SplittableRandom treeRandom = random.split();
            int[] bootstrap = new int[x.length];
            for (int i = 0; i < bootstrap.length; i++) {
                bootstrap[i] = treeRandom.nextInt(x.length);
            }
            grown.add(new TreeGrower(x, y, choiceCounts, settings, treeRandom).grow(bootstrap));
        }
        return new RandomForestRegressor(grown);
    }

    public List<Tree> trees() {
        return trees;
    }

    /** The forest's prediction at {@code point}: the mean of its trees'. */
    public double predict(double[] point) {
        double sum = 0;
        for (Tree tree : trees) {
            sum += tree.predict(point);
        }
        return sum / trees.size();
    }

    /**
     * One regression tree, as arrays indexed by node (the root is node 0). A leaf has feature -1; an inner
     * node sends a sample left when its numeric feature is at most the threshold, or when its categorical
     * feature's choice is among those marked to go left.
     */
    public static final class Tree {

        private final int[] choiceCounts;
        private final int[] feature;
        private final double[] threshold;
        private final boolean[][] choicesLeft;
        private final int[] left;
        private final int[] right;
        private final double[] value;

        Tree(
                int[] choiceCounts,
                int[] feature,
                double[] threshold,
                boolean[][] choicesLeft,
                int[] left,
                int[] right,
                double[] value) {
            this.choiceCounts = choiceCounts.clone();
            this.feature = feature;
            this.threshold = threshold;
            this.choicesLeft = choicesLeft;
            this.left = left;
            this.right = right;
            this.value = value;
        }

        public double predict(double[] point) {
            int node = 0;
            while (!isLeaf(node)) {
                node = goesLeft(node, point[feature[node]]) ? left[node] : right[node];
            }
            return value[node];
        }

        public int nodeCount() {
            return feature.length;
        }

        int featureCount() {
            return choiceCounts.length;
        }

        /** 0 for a numeric feature, else its number of choices. */
        int choiceCount(int feature) {
            return choiceCounts[feature];
        }

        boolean isLeaf(int node) {
            return feature[node] < 0;
        }

        int splitFeature(int node) {
            return feature[node];
        }

        double threshold(int node) {
            return threshold[node];
        }

        /** Whether a sample whose split feature is {@code featureValue} goes to the left child. */
        boolean goesLeft(int node, double featureValue) {
            boolean[] choices = choicesLeft[node];
            return choices == null ? featureValue <= threshold[node] : choices[(int) featureValue];
        }

        int left(int node) {
            return left[node];
        }

        int right(int node) {
            return right[node];
        }

        /** The mean target of the node's training samples (a leaf's prediction). */
        double value(int node) {
            return value[node];
        }
    }

    /**
     * Grows one tree depth first; nodes are numbered in the order they are created. The bootstrap sample's
     * positions are sorted once by each numeric feature; a node owns the same range [from, to) of every
     * sorted list, kept sorted by stable partitions, so splits are searched without sorting again.
     */
    private static final class TreeGrower {

        private final double[][] x;
        private final double[] y;
        private final int[] choiceCounts;
        private final Settings settings;
        private final SplittableRandom random;
        private final int featuresPerSplit;

        /** Position in the bootstrap sample → row of x and y. */
        private int[] rows;
        /** The positions, in any order (all a node needs for categorical features and its mean). */
        private int[] positions;
        /** Per numeric feature, the positions by increasing value of it (null for categorical features). */
        private int[][] sortedPositions;
        /** Per position, whether it goes left at the split being applied. */
        private boolean[] goesLeft;
        /** Where partitions set the right side aside. */
        private int[] scratch;

        private int size;
        private int[] feature = new int[16];
        private double[] threshold = new double[16];
        private boolean[][] choicesLeft = new boolean[16][];
        private int[] left = new int[16];
        private int[] right = new int[16];
        private double[] value = new double[16];

        private TreeGrower(double[][] x, double[] y, int[] choiceCounts, Settings settings, SplittableRandom random) {
            this.x = x;
            this.y = y;
            this.choiceCounts = choiceCounts;
            this.settings = settings;
            this.random = random;
            this.featuresPerSplit = Math.max(1, (int) (settings.maxFeatures() * choiceCounts.length));
        }

        Tree grow(int[] bootstrap) {
            int n = bootstrap.length;
            rows = bootstrap;
            positions = new int[n];
            for (int i = 0; i < n; i++) {
                positions[i] = i;
            }
            sortedPositions = new int[choiceCounts.length][];
            double[] keys = new double[n];
            for (int f = 0; f < choiceCounts.length; f++) {
                if (choiceCounts[f] == 0) {
                    int[] sorted = positions.clone();
                    for (int i = 0; i < n; i++) {
                        keys[i] = x[rows[i]][f];
                    }
                    sortByKey(sorted, keys);
                    sortedPositions[f] = sorted;
                }
            }
            goesLeft = new boolean[n];
            scratch = new int[n];
            grow(0, n, 0);
            return new Tree(
                    choiceCounts,
                    Arrays.copyOf(feature, size),
                    Arrays.copyOf(threshold, size),
                    Arrays.copyOf(choicesLeft, size),
                    Arrays.copyOf(left, size),
                    Arrays.copyOf(right, size),
                    Arrays.copyOf(value, size));
        }

        /** Grows the subtree of the positions in [from, to) and answers its root's node number. */
        private int grow(int from, int to, int depth) {
            int node = newNode();
            int count = to - from;
            double sum = 0;
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double target = y[rows[positions[i]]];
                sum += target;
                lowest = Math.min(lowest, target);
                highest = Math.max(highest, target);
            }
            double mean = sum / count;
            value[node] = mean;
            feature[node] = -1;
            if (depth >= settings.maxDepth() || count < settings.minSamplesSplit() || lowest == highest) {
                return node;
            }
            Split split = bestSplit(from, to, mean);
            if (split == null) {
                return node; // every feature is constant here
            }
            int middle = partition(from, to, split);
            feature[node] = split.feature;
            threshold[node] = split.threshold;
            choicesLeft[node] = split.choicesLeft;
            int leftChild = grow(from, middle, depth + 1);
            int rightChild = grow(middle, to, depth + 1);
            left[node] = leftChild;
            right[node] = rightChild;
            return node;
        }

        private int newNode() {
            if (size == feature.length) {
                int capacity = size * 2;
                feature = Arrays.copyOf(feature, capacity);
                threshold = Arrays.copyOf(threshold, capacity);
                choicesLeft = Arrays.copyOf(choicesLeft, capacity);
                left = Arrays.copyOf(left, capacity);
                right = Arrays.copyOf(right, capacity);
                value = Arrays.copyOf(value, capacity);
            }
            return size++;
        }

        /** A split and its score: sum²/n of each side on centred targets, larger for a larger error reduction. */
        private record Split(int feature, double threshold, boolean[] choicesLeft, double score) {}

        /**
         * The split of the positions in [from, to) with the largest error reduction among features visited in a random
         * order (so ties go to a random feature, as in scikit-learn) until enough non-constant ones were seen;
         * null when every feature is constant.
         */
        private Split bestSplit(int from, int to, double mean) {
            int[] order = shuffledFeatures();
            Split best = null;
            int usable = 0;
            for (int f : order) {
                if (usable >= featuresPerSplit) {
                    break;
                }
                Split candidate = choiceCounts[f] == 0
                        ? bestNumericSplit(f, from, to, mean)
                        : bestCategoricalSplit(f, from, to, mean);
                if (candidate == null) {
                    continue; // constant here or no split keeps enough samples a side
                }
                usable++;
                if (best == null || candidate.score > best.score) {
                    best = candidate;
                }
            }
            return best;
        }

        private int[] shuffledFeatures() {
            int[] order = new int[choiceCounts.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            return order;
        }

        private Split bestNumericSplit(int f, int from, int to, double mean) {
            int count = to - from;
            int[] sorted = sortedPositions[f];
            if (x[rows[sorted[from]]][f] == x[rows[sorted[to - 1]]][f]) {
                return null;
            }
            double total = 0;
            for (int i = from; i < to; i++) {
                total += y[rows[sorted[i]]] - mean;
            }
            int minLeaf = settings.minSamplesLeaf();
            double leftSum = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            int bestIndex = -1;
            for (int i = 0; i < count - 1; i++) {
                leftSum += y[rows[sorted[from + i]]] - mean;
                int leftCount = i + 1;
                double key = x[rows[sorted[from + i]]][f];
                double nextKey = x[rows[sorted[from + i + 1]]][f];
                if (key == nextKey || leftCount < minLeaf || count - leftCount < minLeaf) {
                    continue;
                }
                double rightSum = total - leftSum;
                double score = leftSum * leftSum / leftCount + rightSum * rightSum / (count - leftCount);
                if (score > bestScore) {
                    bestScore = score;
                    bestIndex = i;
                }
            }
            if (bestIndex < 0) {
                return null;
            }
            double below = x[rows[sorted[from + bestIndex]]][f];
            double above = x[rows[sorted[from + bestIndex + 1]]][f];
            double midway = below + (above - below) / 2;
            if (midway >= above) {
                midway = below; // no double strictly between the two
            }
            return new Split(f, midway, null, bestScore);
        }

        private Split bestCategoricalSplit(int f, int from, int to, double mean) {
            int choices = choiceCounts[f];
            double[] sums = new double[choices];
            int[] counts = new int[choices];
            for (int i = from; i < to; i++) {
                int row = rows[positions[i]];
                int choice = (int) x[row][f];
                sums[choice] += y[row] - mean;
                counts[choice]++;
            }
            List<Integer> seen = new ArrayList<>();
            for (int c = 0; c < choices; c++) {
                if (counts[c] > 0) {
                    seen.add(c);
                }
            }
            if (seen.size() < 2) {
                return null;
            }
            // by mean target, ties by index; the best set split is a prefix of this order
            seen.sort((a, b) -> {
                int byMean = Double.compare(sums[a] / counts[a], sums[b] / counts[b]);
                return byMean != 0 ? byMean : Integer.compare(a, b);
            });
            double total = 0;
            int count = to - from;
            for (int c : seen) {
                total += sums[c];
            }
            int minLeaf = settings.minSamplesLeaf();
            double leftSum = 0;
            int leftCount = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            int bestPrefix = -1;
            for (int i = 0; i < seen.size() - 1; i++) {
                leftSum += sums[seen.get(i)];
                leftCount += counts[seen.get(i)];
                if (leftCount < minLeaf || count - leftCount < minLeaf) {
                    continue;
                }
                double rightSum = total - leftSum;
                double score = leftSum * leftSum / leftCount + rightSum * rightSum / (count - leftCount);
                if (score > bestScore) {
                    bestScore = score;
                    bestPrefix = i;
                }
            }
            if (bestPrefix < 0) {
                return null;
            }
            boolean[] goesLeft = new boolean[choices];
            int leftSamples = 0;
            for (int i = 0; i <= bestPrefix; i++) {
                goesLeft[seen.get(i)] = true;
                leftSamples += counts[seen.get(i)];
            }
            boolean unseenGoLeft = leftSamples > count - leftSamples;
            for (int c = 0; c < choices; c++) {
                if (counts[c] == 0) {
                    goesLeft[c] = unseenGoLeft;
                }
            }
            return new Split(f, Double.NaN, goesLeft, bestScore);
        }

        /**
         * Reorders the positions in [from, to) of every list so those going left come first, each side keeping
         * its order (so sorted lists stay sorted); answers where the right side starts.
         */
        private int partition(int from, int to, Split split) {
            int leftCount = 0;
            for (int i = from; i < to; i++) {
                int position = positions[i];
                double featureValue = x[rows[position]][split.feature];
                goesLeft[position] = split.choicesLeft == null
                        ? featureValue <= split.threshold
                        : split.choicesLeft[(int) featureValue];
                if (goesLeft[position]) {
                    leftCount++;
                }
            }
            stablePartition(positions, from, to);
            for (int[] sorted : sortedPositions) {
                if (sorted != null) {
                    stablePartition(sorted, from, to);
                }
            }
            return from + leftCount;
        }

        private void stablePartition(int[] list, int from, int to) {
            int next = from;
            int rightCount = 0;
            for (int i = from; i < to; i++) {
                if (goesLeft[list[i]]) {
                    list[next++] = list[i];
                } else {
                    scratch[rightCount++] = list[i];
                }
            }
            System.arraycopy(scratch, 0, list, next, rightCount);
        }
    }

    /** Sorts {@code items} and {@code keys} together by key (a stable merge sort on primitives). */
    static void sortByKey(int[] items, double[] keys) {
        int n = items.length;
        int[] itemBuffer = new int[n];
        double[] keyBuffer = new double[n];
        for (int width = 1; width < n; width *= 2) {
            for (int start = 0; start < n; start += 2 * width) {
                int middle = Math.min(start + width, n);
                int end = Math.min(start + 2 * width, n);
                int a = start;
                int b = middle;
                int out = start;
                while (a < middle && b < end) {
                    if (keys[b] < keys[a]) {
                        keyBuffer[out] = keys[b];
                        itemBuffer[out++] = items[b++];
                    } else {
                        keyBuffer[out] = keys[a];
                        itemBuffer[out++] = items[a++];
                    }
                }
                while (a < middle) {
                    keyBuffer[out] = keys[a];
                    itemBuffer[out++] = items[a++];
                }
                while (b < end) {
                    keyBuffer[out] = keys[b];
                    itemBuffer[out++] = items[b++];
                }
            }
            System.arraycopy(itemBuffer, 0, items, 0, n);
            System.arraycopy(keyBuffer, 0, keys, 0, n);
        }
    }
}
