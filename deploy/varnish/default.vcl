# Varnish in front of the KetamineContent API (Debian's varnish 7.1 with varnish-modules' xkey).
# Answers are kept as long as their Cache-Control says (s-maxage: a day with Cdn:Provider=varnish) and dropped when the
# API purges their keys: it sends "PURGE /" with "xkey: <space-separated keys>" to every node in Cdn:Varnish:Nodes.
# Keys come from the answers' Surrogate-Key (article-<id>, slug-<slug>, articles, asset-<id>).
vcl 4.1;

import xkey;

# The API nodes (in the compose "scale" profile: nginx balancing api-1 and api-2).
backend default {
    .host = "proxy";
    .port = "8080";
    .connect_timeout = 3s;
    .first_byte_timeout = 30s;
}

# Who may purge: the API nodes. Narrow this to their addresses in production.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "PURGE needs an xkey header"));
        }
        # A hard purge: the objects are gone, never served stale (a withdrawn article must not come back in grace).
        set req.http.n-gone = xkey.purge(req.http.xkey);
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    # Everything else follows the built-in VCL: requests with Authorization or Cookie (the management API, the
    # console) pass, and answers marked private, no-store or no-cache are never stored.
}

sub vcl_backend_response {
    # xkey reads the xkey header of the stored object.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
}

sub vcl_deliver {
    unset resp.http.xkey;
    # HIT or MISS, for operators (and the tests) to see where an answer came from.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
