"""gunicorn settings for Karib: `gunicorn -c deploy/gunicorn.conf.py karib.wsgi`.

Everything can be changed from the environment (systemd's EnvironmentFile, see docs/deploy.md).
Karib keeps no state in its processes, so workers are plain sync workers: one request each,
as many workers as the machine serves (2 x cores is the usual start; 4 on a 2-core machine).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

bind = os.environ.get("KARIB_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a slow import page, not a hang
graceful_timeout = 30
keepalive = 5  # nginx keeps connections to the upstream open
# Each worker loads the app, URL configuration included (karib.wsgi), before it serves: its first
# request is as fast as any. No preload_app: `systemctl reload` (HUP) must pick up new code.
# Recycle workers now and then, jittered so they do not all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Karib's RequestContextMiddleware writes one line per request (no query strings: they may
# carry names); gunicorn's own access log would repeat it with the query string.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "karib-web"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
wsgi_app = "karib.wsgi:application"
# gunicorn's control socket (gunicorn 24+) is not used: systemd and signals manage the process.
control_socket_disable = True

# Prometheus metrics from every worker, summed at scrape time (prometheus_client multiprocess).
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server: Any) -> None:
    if _metrics_dir:
        shutil.rmtree(_metrics_dir, ignore_errors=True)
        Path(_metrics_dir).mkdir(parents=True, exist_ok=True)


def child_exit(server: Any, worker: Any) -> None:
    if _metrics_dir:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
