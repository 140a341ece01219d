using Microsoft.AspNetCore.StaticFiles;

namespace BatchCalling.Gateway.Site;

/// <summary>
/// The campaign managers' page: the files of <c>wwwroot</c> (beside the binary), served at <c>/</c> to anyone, since
/// they hold no data: the page asks for an API key and sends it as a bearer header on every API call it makes.
/// Only files that exist are served; any other path goes on to the API's routes and its problem documents.
/// </summary>
public static class CampaignPage
{
    /// <summary>
    /// Scripts and styles only from this gateway, none inline, nothing framed or posted elsewhere: a script that got in
    /// could read the API key, so the page admits none but its own.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The kinds of file the page is made of, text in UTF-8; a file of any other kind is not served.</summary>
    private static readonly FileExtensionContentTypeProvider Types = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    });

    public static IApplicationBuilder UseCampaignPage(this IApplicationBuilder app)
    {
        var files = app.ApplicationServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = Types,
            OnPrepareResponse = context => SetHeaders(context.Context.Response, context.File.Name),
        });
    }

    private static void SetHeaders(HttpResponse response, string fileName)
    {
        var headers = response.Headers;
        // The files are not fingerprinted: a browser may keep them but asks (If-None-Match) before each use, so a new
        // version is seen at once and an unchanged one costs a 304.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (fileName.EndsWith(".html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
        }
    }
}
