"""Uploads and jobs' files in S3-compatible object storage: a real local S3 server.

moto's server answers the S3 protocol on 127.0.0.1; the app (gunicorn) and a
worker run against it as separate processes, configured by the environment
alone, as production would be.
"""

import json
import time

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer

from consultation.celery import app
from consultation.jobs.models import Job
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from tests.consultation.test_caches import in_another_process
from tests.factories import RegistrationFactory, UserFactory
from tests.images import image_bytes
from tests.smtp import free_port
from tests.staff_sign_in import signed_in_session
from tests.workers import AppServer, Worker

pytestmark = pytest.mark.django_db(transaction=True)

MEDIA, PRIVATE = "meeting-media", "meeting-private"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{MEDIA}/*",
        }
    ],
}


@pytest.fixture
def s3():
    """A local S3 server with the public and the private bucket; its settings."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    environment = {
        "STORAGE_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "STORAGE_S3_REGION": "us-east-1",
        "STORAGE_S3_ACCESS_KEY": "test-key",
        "STORAGE_S3_SECRET_KEY": "test-secret",
        "STORAGE_S3_ADDRESSING_STYLE": "path",
        "STORAGE_S3_MEDIA_BUCKET": MEDIA,
        "STORAGE_S3_PRIVATE_BUCKET": PRIVATE,
    }
    client = boto3.client(
        "s3",
        endpoint_url=environment["STORAGE_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",  # noqa: S106 - the local server's
    )
    for bucket in (MEDIA, PRIVATE):
        client.create_bucket(Bucket=bucket)
    # What the README asks of the operator: anyone may read the media bucket.
    client.put_bucket_policy(Bucket=MEDIA, Policy=json.dumps(PUBLIC_READ))
    yield client, environment
    server.stop()


def keys(client, bucket, prefix=""):
    listed = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for item in listed.get("Contents", [])]


def test_with_buckets_named_both_storages_are_s3_and_media_are_not_served_by_the_app(
    s3,
):
    _, environment = s3

    configured = in_another_process(
        "from django.conf import settings; from django.core.files.storage import "
        "storages; print(type(storages['default']).__name__, "
        "type(storages['private']).__name__, settings.SERVE_MEDIA, "
        "storages['private'].url('photos/a.jpg'))",
        **environment,
    )

    assert configured == "S3Storage PrivateS3Storage False /private-media/photos/a.jpg"


def test_a_public_upload_lands_in_the_media_bucket_at_a_bucket_address(s3):
    client, environment = s3

    url = in_another_process(
        "from django.core.files.base import ContentFile; from django.core.files."
        "storage import default_storage as s; "
        "print(s.url(s.save('documents/note.txt', ContentFile(b'hello'))))",
        **environment,
    )

    assert keys(client, MEDIA) == ["documents/note.txt"]
    assert keys(client, PRIVATE) == []
    assert url.startswith(f"{environment['STORAGE_S3_ENDPOINT_URL']}/{MEDIA}/")
    assert requests.get(url, timeout=10).content == b"hello"


def test_the_private_bucket_cannot_be_read_without_its_keys(s3):
    client, environment = s3
    client.put_object(Bucket=PRIVATE, Key="photos/badge.jpg", Body=b"jpeg")

    direct = requests.get(
        f"{environment['STORAGE_S3_ENDPOINT_URL']}/{PRIVATE}/photos/badge.jpg",
        timeout=10,
    )

    assert direct.status_code == 403
    assert direct.content != b"jpeg"


def test_private_files_live_in_the_private_bucket_and_leave_it_through_the_app(
    tmp_path, s3, settings
):
    client, environment = s3
    photo = image_bytes()
    client.put_object(Bucket=PRIVATE, Key="photos/badge.jpg", Body=photo)
    RegistrationFactory(photo="photos/badge.jpg", status=RegistrationStatus.APPROVED)
    RegistrationFactory.create_batch(2, status=RegistrationStatus.APPROVED)
    organiser = UserFactory(username="org", is_staff=True, is_superuser=True)
    app.control.purge()
    server = AppServer(
        tmp_path,
        free_port(),
        JOBS_INLINE_LIMIT=1,
        REDIS_URL=settings.REDIS_URL,
        **environment,
    )
    worker = Worker(tmp_path, **environment)
    try:
        staff = signed_in_session(server.url, organiser)
        anonymous = requests.get(
            f"{server.url}/private-media/photos/badge.jpg",
            allow_redirects=False,
            timeout=10,
        )
        served = staff.get(f"{server.url}/private-media/photos/badge.jpg", timeout=10)
        started = staff.get(
            f"{server.url}/admin/delegates/registration/export/csv/", timeout=10
        )
        deadline = time.monotonic() + 60
        while not Job.objects.filter(status="done").exists():
            assert time.monotonic() < deadline, "the job never finished"
            time.sleep(0.2)
        job = Job.objects.get()
        download = staff.get(f"{server.url}{job.get_download_url()}", timeout=10)
    finally:
        worker.stop()
        server.stop()

    assert anonymous.status_code == 404
    assert served.content == photo
    assert served.headers["Cache-Control"] == "private, no-store"
    assert started.url.endswith(job.get_absolute_url())
    assert keys(client, PRIVATE, "jobs/") == [job.result.name]
    assert not (tmp_path / "private-media" / "jobs").exists()
    assert download.headers["Cache-Control"] == "private, no-store"
    assert (
        download.content.decode("utf-8-sig").count("\n")
        == 1 + Registration.objects.count()
    )
