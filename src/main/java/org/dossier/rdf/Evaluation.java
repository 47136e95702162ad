package org.dossier.rdf;

import java.util.function.Supplier;
import org.eclipse.rdf4j.collection.factory.api.CollectionFactory;
import org.eclipse.rdf4j.common.iteration.CloseableIteration;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.Dataset;
import org.eclipse.rdf4j.query.QueryEvaluationException;
import org.eclipse.rdf4j.query.QueryInterruptedException;
import org.eclipse.rdf4j.query.algebra.Order;
import org.eclipse.rdf4j.query.algebra.StatementPattern;
import org.eclipse.rdf4j.query.algebra.evaluation.EvaluationStrategy;
import org.eclipse.rdf4j.query.algebra.evaluation.QueryEvaluationStep;
import org.eclipse.rdf4j.query.algebra.evaluation.TripleSource;
import org.eclipse.rdf4j.query.algebra.evaluation.federation.FederatedServiceResolver;
import org.eclipse.rdf4j.query.algebra.evaluation.impl.DefaultEvaluationStrategy;
import org.eclipse.rdf4j.query.algebra.evaluation.impl.DefaultEvaluationStrategyFactory;
import org.eclipse.rdf4j.query.algebra.evaluation.impl.EvaluationStatistics;
import org.eclipse.rdf4j.query.algebra.evaluation.impl.QueryEvaluationContext;
import org.eclipse.rdf4j.query.algebra.evaluation.iterator.OrderIterator;
import org.eclipse.rdf4j.query.algebra.evaluation.util.OrderComparator;

/**
 * How queries are evaluated in the stores Dossier keeps itself (LMDB, native, memory): as rdf4j's
 * default strategy, but ORDER BY sorts with {@link TotalOrder}, and every read of the store's
 * statements stops a query past its deadline ({@link #deadline}).
 *
 * <p>rdf4j's own maximum execution time checks only the rows a query hands out: a query that
 * aggregates (GROUP BY, COUNT, ORDER BY) reads every statement it needs before its first row, and
 * so runs to its end however long that takes, holding a thread and a read transaction. Here the
 * statement reads themselves check the deadline, so such a query ends within moments of it.
 */
public final class Evaluation {
  private Evaluation() {}

  /** The deadline (System.nanoTime) of the query the current thread evaluates, if any. */
  private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

  /** Rows read between two looks at the clock. */
  private static final int CHECK_EVERY = 256;

  /** A deadline for the queries evaluated on this thread until it is closed. */
  public static final class Deadline implements AutoCloseable {
    private final long[] previous;

    private Deadline(long[] previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(previous);
      }
    }
  }

  /**
   * Queries evaluated on this thread until the result is closed stop with a {@link
   * QueryInterruptedException} once this many seconds have passed.
   */
  public static Deadline deadline(int seconds) {
    long[] previous = DEADLINE.get();
    DEADLINE.set(new long[] {System.nanoTime() + seconds * 1_000_000_000L});
    return new Deadline(previous);
  }

  /** The deadline in force when a query's strategy is made, or null. */
  private static long[] current() {
    return DEADLINE.get();
  }

  /** Statement reads that throw once the deadline has passed, looking every few rows. */
  private static final class Checked implements CloseableIteration<BindingSet> {
    private final CloseableIteration<BindingSet> read;
    private final long deadline;
    private int rows;

    Checked(CloseableIteration<BindingSet> read, long deadline) {
      this.read = read;
      this.deadline = deadline;
      if (System.nanoTime() - deadline > 0) {
        read.close();
        throw passed();
      }
    }

    @Override
    public boolean hasNext() {
      if (++rows % CHECK_EVERY == 0 && System.nanoTime() - deadline > 0) {
        throw passed();
      }
      return read.hasNext();
    }

    @Override
    public BindingSet next() {
      return read.next();
    }

    @Override
    public void close() {
      read.close();
    }

    private static QueryInterruptedException passed() {
      return new QueryInterruptedException("the query ran past its deadline");
    }
  }

  /** The default strategy, with ORDER BY over {@link TotalOrder} and the deadline. */
  static final class Strategy extends DefaultEvaluationStrategy {
    /** Null when no deadline was set for the thread that evaluates this query. */
    private final long[] deadline;

    Strategy(
        TripleSource source,
        Dataset dataset,
        FederatedServiceResolver resolver,
        long cacheThreshold,
        EvaluationStatistics statistics,
        boolean trackResultSize) {
      super(source, dataset, resolver, cacheThreshold, statistics, trackResultSize);
      this.deadline = current();
    }

    @Override
    protected QueryEvaluationStep prepare(Order node, QueryEvaluationContext context)
        throws QueryEvaluationException {
      OrderComparator comparator = new OrderComparator(this, node, new TotalOrder(), context);
      boolean reduced = isReducedOrDistinct(node);
      long limit = getLimit(node);
      QueryEvaluationStep argument = precompile(node.getArg(), context);
      return bindings -> new OrderIterator(argument.evaluate(bindings), comparator, limit, reduced);
    }

    @Override
    protected QueryEvaluationStep prepare(StatementPattern node, QueryEvaluationContext context)
        throws QueryEvaluationException {
      QueryEvaluationStep read = super.prepare(node, context);
      if (deadline == null) {
        return read;
      }
      long at = deadline[0];
      return bindings -> new Checked(read.evaluate(bindings), at);
    }
  }

  /** Makes {@link Strategy}s configured as the store's default factory would. */
  static final class Factory extends DefaultEvaluationStrategyFactory {
    Factory(FederatedServiceResolver resolver) {
      super(resolver);
    }

    @Override
    public EvaluationStrategy createEvaluationStrategy(
        Dataset dataset, TripleSource source, EvaluationStatistics statistics) {
      DefaultEvaluationStrategy standard =
          (DefaultEvaluationStrategy) super.createEvaluationStrategy(dataset, source, statistics);
      Strategy strategy =
          new Strategy(
              source,
              dataset,
              getFederatedServiceResolver(),
              getQuerySolutionCacheThreshold(),
              statistics,
              isTrackResultSize());
      getOptimizerPipeline().ifPresent(strategy::setOptimizerPipeline);
      Supplier<CollectionFactory> collections = standard.getCollectionFactory();
      strategy.setCollectionFactory(collections);
      strategy.setQueryEvaluationMode(standard.getQueryEvaluationMode());
      return strategy;
    }
  }
}
