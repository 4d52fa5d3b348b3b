# Varnish in front of one or more Courier instances (docs/deploy.md). Varnish 7.
#
#   varnishd -a :80 -f /etc/varnish/courier.vcl -p vcl_path=/etc/varnish -p http_gzip_support=off -s malloc,256m
#
# http_gzip_support=off is required: Courier sends gzip bytes it compressed at build time, with their own
# strong ETag ("<hash>-gzip"); Varnish then keeps one copy per normalised Accept-Encoding (gzip or none)
# instead of recompressing and weakening the ETags.
#
# The backends, and who may purge, are in courier-backends.vcl, beside this file (an example ships with it).
vcl 4.1;

import std;

include "courier-backends.vcl";

sub vcl_recv {
    # Courier sends PURGE <path> for each feed whose bytes a build changed (COURIER_PURGE_URLS). A ban on the
    # path the object was fetched for: every encoding, whatever Host it was asked with.
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ courier_purgers) {
            return (synth(403, "Forbidden"));
        }
        ban("obj.http.X-Courier-Url == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Partner feeds differ by key and are marked private: never stored here, and neither is anything asked with
    # credentials.
    if (req.http.Authorization || req.url ~ "^/partners/") {
        return (pass);
    }
    # Only the public feeds are cached; the index page and /healthz go to an instance every time.
    if (req.url !~ "^/feeds/") {
        return (pass);
    }
    # A feed is the same whatever query string a reader adds (Courier ignores it): one cache key, not many.
    set req.url = regsub(req.url, "\?.*$", "");
    # Two variants: gzip or not (an explicit q=0 is rare enough to be left to the instances). Courier sends no
    # brotli (docs/decisions.md, "gzip, and no brotli").
    if (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    unset req.http.Cookie;
    # While the instances are healthy, a stale copy is served (and refreshed in the background) only within
    # stale-while-revalidate (600 s: Courier's default COURIER_STALE_WHILE_REVALIDATE; keep the two equal);
    # when none is, for as long as the object's grace (stale-if-error) lasts.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 600s;
    }
    return (hash);
}

sub vcl_backend_response {
    # What a ban matches: the path the object was fetched for (lurker-friendly: obj.* only).
    set beresp.http.X-Courier-Url = bereq.url;
    if (bereq.url ~ "^/feeds/" && beresp.http.Cache-Control !~ "private|no-store") {
        # Grace from stale-if-error (the longer), so a copy outlives an outage; vcl_recv shortens it to
        # stale-while-revalidate while the instances are up. Keep, for revalidating with If-None-Match.
        if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
            set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 600s);
        } elsif (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
            set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s);
        }
        set beresp.keep = 1h;
    }
    # Anything private, no-store, with a cookie or Vary: * falls through to the built-in rules: not stored.
}

sub vcl_deliver {
    unset resp.http.X-Courier-Url;
    # Whether this answer came from the cache, for operators and tests.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
