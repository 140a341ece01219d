namespace BatchCalling.GrainTests;

/// <summary>
/// Where the real PostgreSQL and Redis are: <c>ConnectionStrings__Postgres</c> and <c>ConnectionStrings__Redis</c>,
/// which <c>./test.sh</c> sets after starting both with <c>deploy/local/services.sh up</c>.
/// </summary>
public static class ProductionServices
{
    public static string Postgres => Required("ConnectionStrings__Postgres");

    public static string Redis => Required("ConnectionStrings__Redis");

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run the tests with ./test.sh, or start the servers with deploy/local/services.sh up and export what it prints.");
}
