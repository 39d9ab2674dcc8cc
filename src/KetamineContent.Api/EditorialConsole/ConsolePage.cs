using System.Globalization;
using System.Security.Claims;
using KetamineContent.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>What every console page needs: the request, the signed-in user and the role policies the API uses.</summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = default!;

    [Inject] public IAuthorizationService Authorization { get; set; } = default!;

    [Inject] public NavigationManager Navigation { get; set; } = default!;

    protected ClaimsPrincipal User => Http.User;

    protected string UserName => User.Identity?.Name ?? "";

    protected CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The API's own policy for this role (Roles.Policies.*): one rule for endpoints and console.</summary>
    protected async Task<bool> MayAsync(string policy) => (await Authorization.AuthorizeAsync(User, policy)).Succeeded;

    protected static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    protected static string When(DateTime at) => When(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
}
