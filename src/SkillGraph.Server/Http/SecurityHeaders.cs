namespace SkillGraph.Server.Http;

/// <summary>
/// Headers on every response (docs/security.md): no MIME sniffing, no framing, no referrer to other sites, and a content
/// security policy under which GraphiQL (<c>/graphql</c>, files from <c>wwwroot/lib</c>) and the studio (bundled files under
/// <c>wwwroot/studio</c>) work: scripts only from this server, no inline or evaluated script.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts, fonts, images, fetches and forms from this server only; styles from this server and inline (GraphiQL's
    /// components set style elements at run time); no plugins, no base-URL change, no framing by any page.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ReferrerPolicy = "no-referrer";

    /// <summary>Sets the headers before anything else runs, so that every answer carries them (refusals of the limits, 404s, static files).</summary>
    public static WebApplication UseSkillGraphSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY"; // frame-ancestors for browsers that predate it
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(http);
        });
        return app;
    }
}
