"""What the commands do beyond building: deploy, doctor, new/init (scaffold), serve."""
