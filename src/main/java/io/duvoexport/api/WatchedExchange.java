package io.duvoexport.api;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange whose whole response, body included, is bounded. {@code HttpRequest.timeout}
 * is meant for the wait for the response headers and does not reliably cover the body; this aborts
 * an exchange whose response stops arriving: when no byte came for the read timeout (from sending
 * the request to the headers, and between chunks of the body after them), or when the request's
 * deadline passes. Aborting cancels the exchange and releases the waiting thread at once.
 *
 * <p>One instance per exchange; the waiting thread and the client's threads share it.
 */
final class WatchedExchange {

    private final Duration readTimeout;
    private final long deadlineNanos;
    private volatile long lastProgressNanos;

    /** @param deadlineNanos a {@link System#nanoTime()} past which the exchange is aborted */
    private WatchedExchange(Duration readTimeout, long deadlineNanos) {
        this.readTimeout = readTimeout;
        this.deadlineNanos = deadlineNanos;
        this.lastProgressNanos = System.nanoTime();
    }

    /**
     * Sends {@code request} and waits for its whole response.
     *
     * @throws HttpTimeoutException when the response went silent for {@code readTimeout}, or the
     *     deadline passed, before its last byte
     * @throws ExecutionException wrapping what else made the exchange fail (an
     *     {@code IOException} as a rule)
     * @throws InterruptedException when the thread is interrupted; the exchange is cancelled
     */
    static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, Duration readTimeout,
            long deadlineNanos)
            throws HttpTimeoutException, ExecutionException, InterruptedException {
        WatchedExchange watch = new WatchedExchange(readTimeout, deadlineNanos);
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request, watch::bodySubscriber);
        try {
            return watch.await(exchange);
        } catch (InterruptedException | HttpTimeoutException e) {
            exchange.cancel(true);
            throw e;
        }
    }

    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> exchange)
            throws HttpTimeoutException, ExecutionException, InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long silentUntil = lastProgressNanos + readTimeout.toNanos();
            long until = Math.min(silentUntil, deadlineNanos);
            if (now - until >= 0) {
                throw new HttpTimeoutException(until == deadlineNanos
                        ? "request deadline passed before the response was complete"
                        : "no byte of the response for " + readTimeout.toMillis() + " ms");
            }
            try {
                return exchange.get(until - now, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // bytes may have arrived meanwhile: look at the progress again
            }
        }
    }

    private HttpResponse.BodySubscriber<byte[]> bodySubscriber(HttpResponse.ResponseInfo info) {
        progressed();
        return new ProgressSubscriber(HttpResponse.BodySubscribers.ofByteArray());
    }

    private void progressed() {
        lastProgressNanos = System.nanoTime();
    }

    /** Passes the body on to {@code delegate}, noting when each part of it arrives. */
    private final class ProgressSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> delegate;

        ProgressSubscriber(HttpResponse.BodySubscriber<byte[]> delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return delegate.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            delegate.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            progressed();
            delegate.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }
    }
}
