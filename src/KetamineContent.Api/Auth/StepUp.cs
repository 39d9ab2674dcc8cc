namespace KetamineContent.Api.Auth;

/// <summary>Re-authentication at the provider (max_age) before an action that needs a recent sign-in.</summary>
public static class StepUp
{
    public const string MaxAgeItem = "kc:max_age";
}
