vcl 4.1;
# The page cache in front of gunicorn (docs/operations.md explains every rule).
# Rendered by deploy/stack.py, which fills in the upper-case placeholders.

backend django {
    .host = "127.0.0.1";
    .port = "${GUNICORN_PORT}";
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
    .probe = {
        # As nginx forwards it: over HTTPS (else Django redirects) and for this site's name.
        .request = "GET /robots.txt HTTP/1.1"
            "Host: ${SERVER_NAME}"
            "X-Forwarded-Proto: https"
            "Connection: close";
        # Sick only when 4 of the last 5 probes failed: a busy gunicorn is slow, not down,
        # and a sick backend turns every uncached page into a 503.
        .interval = 2s;
        .timeout = 5s;
        .window = 5;
        .threshold = 2;
        .initial = 2;
    }
}

# Only the application on this machine may purge (Wagtail's frontend cache, HTTP backend).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # One publish can change any page that lists or links the page (home, section
        # lists, occupation <-> programme, menus, sitemap, search results with any query),
        # so a purge of one address invalidates the whole site's pages. Bans are lazy and
        # cheap; request coalescing refills each page with one backend request.
        ban("obj.http.x-cached-url ~ .");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # The admin, private documents, the API's authenticated views: never from the cache.
    if (req.url ~ "^/(admin|documents|django-admin)(/|$)") {
        return (pass);
    }
    # Logged-in users (session cookie) and pending messages bypass the cache.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Public pages read no cookie and the site has one language: drop both from the key,
    # so Django's "Vary: Cookie, Accept-Language" does not split the cache per visitor.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_backend_response {
    # Bans test this header, so the ban lurker can clear objects in the background.
    set beresp.http.x-cached-url = bereq.url;
    # Anything that sets a cookie (a session, a CSRF token, a message) is personal.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|javascript))") {
        set beresp.do_gzip = true;
    }
    # Serve a stale page for a while if gunicorn is down or slow to answer.
    set beresp.grace = 1h;
    # Errors are not kept (beyond a few seconds, to absorb a burst on a broken address).
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
    } elsif (beresp.status == 404 || beresp.status == 301 || beresp.status == 302) {
        if (beresp.ttl > 10s) {
            set beresp.ttl = 10s;
        }
    }
}

sub vcl_deliver {
    unset resp.http.x-cached-url;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    # Browsers revalidate: Django sends max-age=0 for browsers and s-maxage for this cache.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
