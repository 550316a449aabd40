"""gunicorn settings for one province's server (2 cores); see docs/operations.md.

Every value can be changed from the environment without editing this file.
"""

import os

bind = f"127.0.0.1:{os.environ.get('GUNICORN_PORT', '8001')}"
wsgi_app = os.environ.get("GUNICORN_APP", "website.wsgi:application")

# One worker process per core: the CPU-bound part of a page (templates, the ORM) cannot run
# faster with more processes than cores, and PostgreSQL, Redis and the caches share them.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# A few threads per worker keep the core busy while a request waits for PostgreSQL or
# Elasticsearch, and a slow request (an upload, an unanswering search server) no longer
# blocks a whole worker. Each thread holds one PostgreSQL connection (CONN_MAX_AGE).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A worker that stops answering its heartbeat for this long is killed and replaced. With
# threads, a single slow request does not trip it; the proxy's 60 s read timeout bounds it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Behind the proxy (which keeps its connections open), not browsers directly.
keepalive = 5
# Recycle workers now and then so memory growth (per-process caches) stays bounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500

# Each worker loads the application itself: no database or search connection is shared
# across a fork.
preload_app = False
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = "warning"
forwarded_allow_ips = "127.0.0.1"
