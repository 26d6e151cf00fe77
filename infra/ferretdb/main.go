// Command ferretdb runs an embedded FerretDB (MongoDB wire protocol) server
// backed by SQLite, for local development and tests.
//
// It uses the embeddable package github.com/FerretDB/FerretDB/ferretdb
// (pinned in go.mod) instead of FerretDB's own cmd/ferretdb.
//
// Configuration (flags override environment variables):
//
//	-listen      / FERRETDB_LISTEN_ADDR   TCP listen address (default 127.0.0.1:27017)
//	-data-dir    / FERRETDB_DATA_DIR      SQLite data directory (default ./data)
//	-log-level   / FERRETDB_LOG_LEVEL     debug|info|warn|error (default info)
//
// It runs until SIGINT or SIGTERM, then closes the listener, client
// connections and the SQLite backend before exiting.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	err := l.UnmarshalText([]byte(strings.ToUpper(s)))
	return l, err
}

func main() {
	listen := flag.String("listen", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:27017"), "TCP listen address")
	dataDir := flag.String("data-dir", envOr("FERRETDB_DATA_DIR", "data"), "SQLite data directory")
	logLevel := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "info"), "log level: debug, info, warn, error")
	flag.Parse()

	level, err := parseLevel(*logLevel)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: invalid log level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if err := run(*listen, *dataDir, logger); err != nil {
		logger.Error("ferretdb failed", "error", err)
		os.Exit(1)
	}
}

func run(listen, dataDir string, logger *slog.Logger) error {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating data dir: %w", err)
	}

	// The SQLite handler expects a "file:" URI naming a directory (trailing slash).
	sqliteURL := (&url.URL{Scheme: "file", Opaque: filepath.ToSlash(dir) + "/"}).String()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
		Logger:    logger,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	logger.Info("ferretdb started", "listen", listen, "sqlite", sqliteURL, "pid", os.Getpid())

	select {
	case err := <-done:
		// Run returned without a signal: the listener failed (e.g. port in use).
		if err == nil {
			err = errors.New("listener stopped unexpectedly")
		}
		return err
	case <-ctx.Done():
	}

	logger.Info("shutting down")
	select {
	case err := <-done:
		if err != nil {
			return err
		}
	case <-time.After(30 * time.Second):
		return errors.New("shutdown timed out")
	}
	logger.Info("stopped")
	return nil
}
