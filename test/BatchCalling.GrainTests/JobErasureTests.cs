using BatchCalling.Testing;
using BatchCalling.Jobs;
using BatchCalling.Windows;
using Npgsql;

namespace BatchCalling.GrainTests;

/// <summary>A deleted job leaves nothing of its contacts in PostgreSQL: asked of the database itself, not of the grains.</summary>
[Collection(PostgresRedisTests.Name)]
public sealed class JobErasureTests(PostgresRedisCluster cluster)
{
    [Fact]
    public async Task Delete_erases_the_jobs_record_contacts_results_and_calls_from_storage()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync([.. Scenario.Contacts(2, "completed"), .. Scenario.Contacts(1, "busy")], maxAttempts: 2);
        await scenario.WaitForStatusAsync(jobId, JobStatus.Completed);
        // The job, its input, progress and custom-field records, and one record per dialed contact.
        Assert.True(await RowsOfAsync(jobId) >= 6);

        var deleted = await scenario.Job(jobId).DeleteAsync(scenario.OrganizationId);

        Assert.Null(deleted.Error);
        Assert.Equal(0, await RowsOfAsync(jobId));
        Assert.Null(await scenario.Job(jobId).GetDetailAsync(scenario.OrganizationId, Scenario.FirstPage));
    }

    [Fact]
    public async Task Delete_erases_the_zones_a_calling_window_placed_the_contacts_in()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(2), autoStart: false, callingWindow: CallingWindowPresets.Tcpa);
        await scenario.Job(jobId).CancelAsync(scenario.OrganizationId);

        Assert.Null((await scenario.Job(jobId).DeleteAsync(scenario.OrganizationId)).Error);
        Assert.Equal(0, await RowsOfAsync(jobId));
    }

    /// <summary>Rows of the job's grain (its record and contact chunks) and of its contacts' grains (keys <c>{jobId}/{index}</c>).</summary>
    private static async Task<long> RowsOfAsync(string jobId)
    {
        await using var connection = new NpgsqlConnection(LocalServices.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM grain_state WHERE grain_id_extension = $1 OR grain_id_extension LIKE $1 || '/%'", connection)
        {
            Parameters = { new NpgsqlParameter { Value = jobId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
