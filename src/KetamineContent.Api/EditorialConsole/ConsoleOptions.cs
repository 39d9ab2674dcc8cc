namespace KetamineContent.Api.EditorialConsole;

/// <summary>Section "Console": the editorial console at /console.</summary>
public sealed class ConsoleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A session ends after this many minutes without a request.</summary>
    public int IdleMinutes { get; set; } = 30;

    /// <summary>A session ends this many hours after sign-in, however busy.</summary>
    public int AbsoluteHours { get; set; } = 12;

    /// <summary>Sign-in attempts a minute per client address (0 switches the limit off).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>How long a sign-in link made by 'keys login-link' stays valid.</summary>
    public int LoginLinkMinutes { get; set; } = 15;

    /// <summary>The most documents (files and a pasted text) one import form may send; more are refused with 400 before any is read.</summary>
    public int MaxImportFiles { get; set; } = 20;

    /// <summary>False removes sign-in with an API key (and the one-time link, outside Development): people sign in with Auth:Oidc.</summary>
    public bool AllowKeySignIn { get; set; } = true;
}
